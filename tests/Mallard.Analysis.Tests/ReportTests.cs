using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Mallard.Analysis.Tests;

/// <summary>The HTML reports open in a real headless Chromium with every chart drawn and no console errors.</summary>
[Collection(AnalysisCollection.Name)]
public sealed class ReportTests(AnalysisFixture fixture)
{
    [Theory]
    [InlineData("customer_intelligence")]
    [InlineData("segmentation_pack")]
    [InlineData("sql_exploration")]
    public void The_report_draws_every_chart_in_Chromium_without_console_errors(string notebook)
    {
        var run = fixture.RunWithRunner(notebook, AnalysisFixture.SampleScale);
        var charts = run.Executed().PlotCount;
        Assert.True(charts > 0, "The notebook shows no chart.");

        using var browser = Chromium.Start(fixture.Root);
        browser.Navigate().GoToUrl(new Uri(run.HtmlPath!).AbsoluteUri);
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(60));
        try
        {
            wait.Until(d => d.FindElements(By.CssSelector(".js-plotly-plot svg.main-svg")).Count > 0 &&
                d.FindElements(By.CssSelector(".js-plotly-plot")).All(p => p.FindElements(By.CssSelector("svg.main-svg")).Count > 0));
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Fail($"Not every chart of {notebook} was drawn within 60 s: {browser.FindElements(By.CssSelector(".js-plotly-plot svg.main-svg")).Count} SVG plots.");
        }
        var plots = browser.FindElements(By.CssSelector(".js-plotly-plot"));
        Assert.Equal(charts, plots.Count);
        // Every plot has drawn marks (bars, lines, points or heatmap cells), not only empty axes.
        Assert.All(plots, p => Assert.NotEmpty(p.FindElements(By.CssSelector("g.trace, g.hm, image"))));

        var height = Convert.ToInt64(((IJavaScriptExecutor)browser).ExecuteScript("return document.body.scrollHeight"), System.Globalization.CultureInfo.InvariantCulture);
        browser.Manage().Window.Size = new System.Drawing.Size(1280, (int)Math.Min(height, 16000));
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(fixture.ArtifactDirectory, notebook + ".png"));

        var errors = browser.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= LogLevel.Warning && e.Level != LogLevel.Off).Select(e => e.Message).ToList();
        Assert.True(errors.Count == 0, "Console errors:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void The_report_reads_as_a_report_and_switches_between_light_and_dark()
    {
        var run = fixture.RunWithRunner("customer_intelligence", AnalysisFixture.SampleScale);
        using var browser = Chromium.Start(fixture.Root);
        browser.Navigate().GoToUrl(new Uri(run.HtmlPath!).AbsoluteUri);
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(60));
        wait.Until(d => d.FindElements(By.CssSelector(".js-plotly-plot .gtitle")).Count > 0);

        // Headers read as labels; the SQL type row is for exploring, not for the report; money has its symbol.
        var headers = browser.FindElements(By.CssSelector(".mallard-table th")).Select(h => h.Text).ToList();
        Assert.Contains("Customer segment", headers);
        Assert.DoesNotContain("customer_segment", headers);
        Assert.All(browser.FindElements(By.CssSelector(".mallard-table .mt-type")), t => Assert.False(t.Displayed, "The type row shows in the report."));
        Assert.Contains(browser.FindElements(By.CssSelector(".mallard-table td.mt-num")), td => td.Text.StartsWith('$'));

        // Light first (Chromium's default scheme), then dark with the toggle: page, tables and charts together.
        var js = (IJavaScriptExecutor)browser;
        string TitleColour() => (string)js.ExecuteScript("return getComputedStyle(document.querySelector('.js-plotly-plot .gtitle')).fill")!;
        string PageColour() => (string)js.ExecuteScript("return getComputedStyle(document.body).backgroundColor")!;
        Assert.Equal("light", browser.FindElement(By.TagName("html")).GetAttribute("data-theme"));
        Assert.Equal("rgb(31, 41, 55)", TitleColour());
        Assert.Equal("rgb(255, 255, 255)", PageColour());
        SaveScreenshot(browser, "customer_intelligence.light.png");

        browser.FindElement(By.Id("theme-toggle")).Click();
        wait.Until(_ => TitleColour() == "rgb(229, 231, 235)");
        Assert.Equal("rgb(13, 17, 23)", PageColour());
        Assert.Equal("rgba(0, 0, 0, 0)", (string)js.ExecuteScript("return getComputedStyle(document.querySelector('.js-plotly-plot .main-svg')).backgroundColor")!);
        SaveScreenshot(browser, "customer_intelligence.dark.png");

        // The choice is kept when the report is opened again.
        browser.Navigate().Refresh();
        wait.Until(d => d.FindElements(By.CssSelector(".js-plotly-plot .gtitle")).Count > 0);
        Assert.Equal("dark", browser.FindElement(By.TagName("html")).GetAttribute("data-theme"));
        wait.Until(_ => TitleColour() == "rgb(229, 231, 235)");
        browser.FindElement(By.Id("theme-toggle")).Click();
        wait.Until(_ => TitleColour() == "rgb(31, 41, 55)");
    }

    [Fact]
    public async Task The_executed_notebook_stays_small_and_nbconvert_html_of_it_draws_every_chart_offline()
    {
        var run = fixture.RunWithRunner("customer_intelligence", AnalysisFixture.SampleScale);
        var executed = new FileInfo(run.ExecutedPath);
        Assert.True(executed.Length < 1_000_000, $"The executed notebook is {executed.Length:N0} bytes; it should stay under 1 MB (plotly.js belongs beside it, not in it).");
        Assert.DoesNotContain("plotly.js v3", File.ReadAllText(executed.FullName), StringComparison.Ordinal);
        var beside = Path.Combine(executed.DirectoryName!, Mallard.Display.Plotly.PlotlyJs.FileName);
        Assert.True(File.Exists(beside), $"mallard run wrote no {Mallard.Display.Plotly.PlotlyJs.FileName} beside the executed notebook.");

        // nbconvert's own HTML of the executed notebook, beside it, opened from disk with no network.
        var converted = Path.Combine(executed.DirectoryName!, Path.GetFileNameWithoutExtension(executed.Name) + ".nbconvert.html");
        var start = new System.Diagnostics.ProcessStartInfo(AnalysisFixture.Python)
        {
            ArgumentList = { "-m", "nbconvert", "--to", "html", executed.FullName, "--output", Path.GetFileName(converted) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "nbconvert failed (Debian: apt-get install python3-nbconvert):\n" + await stderr);
        }
        using var browser = Chromium.Start(fixture.Root);
        browser.Navigate().GoToUrl(new Uri(converted).AbsoluteUri);
        var charts = run.Executed().PlotCount;
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(60));
        try
        {
            wait.Until(d => d.FindElements(By.CssSelector(".js-plotly-plot svg.main-svg")).Count > 0
                && d.FindElements(By.CssSelector(".mallard-plot")).All(p => p.FindElements(By.CssSelector("svg.main-svg")).Count > 0));
        }
        catch (WebDriverTimeoutException)
        {
            var texts = string.Join(" | ", browser.FindElements(By.CssSelector(".mallard-plot")).Select(p => p.Text).Distinct());
            Assert.Fail($"nbconvert's HTML did not draw every chart within 60 s: {texts}");
        }
        Assert.Equal(charts, browser.FindElements(By.CssSelector(".mallard-plot .js-plotly-plot, .mallard-plot.js-plotly-plot")).Count);
    }

    private void SaveScreenshot(ChromeDriver browser, string name)
    {
        var height = Convert.ToInt64(((IJavaScriptExecutor)browser).ExecuteScript("return document.body.scrollHeight"), System.Globalization.CultureInfo.InvariantCulture);
        browser.Manage().Window.Size = new System.Drawing.Size(1280, (int)Math.Min(height, 16000));
        ((ITakesScreenshot)browser).GetScreenshot().SaveAsFile(Path.Combine(fixture.ArtifactDirectory, name));
        browser.Manage().Window.Size = new System.Drawing.Size(1280, 1000);
    }
}
