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

        using var browser = StartChromium(fixture.Root);
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

    private static ChromeDriver StartChromium(string root)
    {
        var chromium = Find("MALLARD_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
        var driver = Find("MALLARD_CHROMEDRIVER", "chromedriver");
        Assert.True(chromium is not null && driver is not null,
            "The report tests need Chromium and ChromeDriver on PATH (Debian: apt-get install chromium chromium-driver), or MALLARD_CHROMIUM and MALLARD_CHROMEDRIVER set to them.");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
            "--user-data-dir=" + Path.Combine(root, "chromium-" + Guid.NewGuid().ToString("N")));
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
        browser.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        return browser;
    }

    private static string? Find(string variable, params string[] names)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given) return File.Exists(given) ? given : null;
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
