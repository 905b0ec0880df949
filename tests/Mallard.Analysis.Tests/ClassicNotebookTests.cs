using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace Mallard.Analysis.Tests;

/// <summary>
/// Charts in the classic Jupyter Notebook (Debian's 6.4) on the Mallard kernel: drawn with the kernelspec's own plotly.js,
/// which the Notebook server serves, so the saved notebook stays small, draws again when opened, and re-running one chart
/// cell never leaves the others without plotly.js.
/// </summary>
[Collection(AnalysisCollection.Name)]
public sealed class ClassicNotebookTests(AnalysisFixture fixture)
{
    private const string Jupyter = "/usr/bin/jupyter-notebook";

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

    /// <summary>Set when the server's log says it listens on its address (Notebook 6 prints the URL once it serves).</summary>
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string _address = "";

    [Fact]
    public async Task Charts_draw_with_the_kernelspecs_plotly_js_and_again_after_a_rerun_and_a_reload()
    {
        Assert.True(File.Exists(Jupyter), $"{Jupyter} is missing: the classic Notebook test needs Debian's jupyter-notebook (apt-get install jupyter-notebook python3-notebook).");
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Root, "classic-notebook")).FullName;
        var notebook = Path.Combine(folder, "charts.ipynb");
        File.WriteAllText(notebook, Notebook(
            "#!sql --name mix --labels\nSELECT * FROM (VALUES ('High', 0.2::DOUBLE, 6100.50::DECIMAL(18,2)), ('Low', 0.8, 900.25)) t(value_tier, customer_share, revenue)",
            "Chart.Bar(mix, \"value_tier\", \"customer_share\", title: \"First chart\")",
            "Chart.Line(mix, \"value_tier\", \"revenue\", title: \"Second chart\")"));

        var port = FreePort();
        var token = Guid.NewGuid().ToString("N");
        var baseUrl = $"http://127.0.0.1:{port}/";
        _address = baseUrl;
        using var server = new NotebookServer(StartServer(folder, port, token));
        await WaitForServer(server.Process, baseUrl + "api/status?token=" + token);

        using var browser = Chromium.Start(fixture.Root);
        var js = (IJavaScriptExecutor)browser;
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(90));
        browser.Navigate().GoToUrl($"{baseUrl}notebooks/charts.ipynb?token={token}");
        wait.Until(_ => (bool)js.ExecuteScript("return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())")!);

        js.ExecuteScript("Jupyter.notebook.execute_all_cells()");
        WaitForCharts(browser, wait, 2, "both charts of the live session");
        var loaded = ((IReadOnlyCollection<object>)js.ExecuteScript(
            "return performance.getEntriesByType('resource').map(function(e){return e.name;}).filter(function(n){return n.indexOf('plotly-')>=0;})")!)
            .Cast<string>().ToList();
        Assert.Contains(loaded, n => n.Contains($"/kernelspecs/{AnalysisFixture.KernelName}/{Mallard.Display.Plotly.PlotlyJs.FileName}", StringComparison.Ordinal));
        Assert.Contains("$6,100.50", browser.FindElement(By.CssSelector(".mallard-table")).Text, StringComparison.Ordinal);

        // Saved, the notebook holds the charts' JSON and no plotly.js.
        await Save(browser, wait, notebook, expectedCharts: 2);
        var saved = new FileInfo(notebook);
        Assert.True(saved.Length < 200_000, $"The saved notebook is {saved.Length:N0} bytes.");
        Assert.DoesNotContain("plotly.js v3", File.ReadAllText(notebook), StringComparison.Ordinal);

        // Re-running the first chart cell takes plotly.js from nobody: after saving and opening the notebook again, both draw.
        js.ExecuteScript("Jupyter.notebook.execute_cells([1])");
        wait.Until(_ => (bool)js.ExecuteScript("var c=Jupyter.notebook.get_cell(1);return !c.element.hasClass('running') && c.output_area.outputs.length===1 && c.element.find('.js-plotly-plot').length===1")!);
        await Save(browser, wait, notebook, expectedCharts: 2);
        browser.Navigate().Refresh();
        WaitForCharts(browser, wait, 2, "both saved charts after the notebook was opened again");
        Assert.DoesNotContain(browser.FindElements(By.CssSelector(".mallard-plot")), p => p.Text.Contains("needs plotly.js", StringComparison.Ordinal));
    }

    private static void WaitForCharts(OpenQA.Selenium.Chrome.ChromeDriver browser, WebDriverWait wait, int count, string what)
    {
        try
        {
            wait.Until(d => d.FindElements(By.CssSelector(".mallard-plot.js-plotly-plot")).Count(p => p.FindElements(By.CssSelector("svg.main-svg")).Count > 0) == count);
        }
        catch (WebDriverTimeoutException)
        {
            var texts = string.Join(" | ", browser.FindElements(By.CssSelector(".output_area")).Select(p => p.Text).Where(t => t.Length > 0));
            Assert.Fail($"Waited 90 s for {what} to draw; the outputs say: {texts}");
        }
    }

    /// <summary>Saves through the Notebook's own button and waits for the file to hold <paramref name="expectedCharts"/> charts.</summary>
    private static async Task Save(OpenQA.Selenium.Chrome.ChromeDriver browser, WebDriverWait wait, string path, int expectedCharts)
    {
        var before = File.GetLastWriteTimeUtc(path);
        ((IJavaScriptExecutor)browser).ExecuteScript("Jupyter.notebook.save_notebook()");
        wait.Until(_ => File.GetLastWriteTimeUtc(path) != before && !(bool)((IJavaScriptExecutor)browser).ExecuteScript("return Jupyter.notebook.dirty")!);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var charts = document.RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .Count(o => o.TryGetProperty("data", out var data) && data.TryGetProperty("application/vnd.plotly.v1+json", out _));
        Assert.Equal(expectedCharts, charts);
    }

    private Process StartServer(string folder, int port, string token)
    {
        var start = new ProcessStartInfo(Jupyter)
        {
            ArgumentList =
            {
                "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0", $"--NotebookApp.token={token}",
                $"--notebook-dir={folder}",
                // CI runs as root, which the Notebook refuses unless told.
                "--allow-root",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var (key, value) in fixture.KernelEnvironment(fixture.Warehouse(AnalysisFixture.SampleScale))) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Logged(e.Data);
        process.ErrorDataReceived += (_, e) => Logged(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Logged(string? line)
    {
        if (line is null) return;
        _log.Enqueue(line);
        if (line.Contains(_address, StringComparison.Ordinal)) _listening.TrySetResult();
    }

    /// <summary>Waits for the server's log to say it listens (or for it to exit), then checks that it answers.</summary>
    private async Task WaitForServer(Process server, string statusUrl)
    {
        var exited = server.WaitForExitAsync();
        Task first;
        try
        {
            first = await Task.WhenAny(_listening.Task, exited).WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"jupyter-notebook did not say it listens within 90 s:\n{string.Join("\n", _log)}");
        }
        Assert.True(first == _listening.Task, $"jupyter-notebook exited with {(server.HasExited ? server.ExitCode : 0)} before it served:\n{string.Join("\n", _log)}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(statusUrl);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"jupyter-notebook answered {response.StatusCode}:\n{string.Join("\n", _log)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Notebook(params string[] cells) => JsonSerializer.Serialize(new
    {
        cells = cells.Select((source, i) => new { cell_type = "code", execution_count = (int?)null, id = "cell-" + i, metadata = new { }, outputs = Array.Empty<object>(), source }),
        metadata = new
        {
            kernelspec = new { name = AnalysisFixture.KernelName, display_name = "Mallard (analysis tests)", language = "csharp" },
            language_info = new { name = "csharp" },
        },
        nbformat = 4,
        nbformat_minor = 5,
    });

    /// <summary>Stops the server and the kernels it started with the test.</summary>
    private sealed class NotebookServer(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }
    }
}
