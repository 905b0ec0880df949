using Mallard.Display.Plotly;
using Mallard.Display.Tests;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Mallard.Notebooks.Tests;

/// <summary>The HTML report: self-contained, plotly.js once, and in a real headless Chromium every chart draws with no script errors.</summary>
public sealed class HtmlReportTests(Browser browser) : IClassFixture<Browser>
{
    private const string ErrorCatcher = """
        window.__errors = [];
        window.addEventListener('error', function (e) {
          window.__errors.push(e.message ? String(e.message) : 'failed to load ' + ((e.target && (e.target.src || e.target.href)) || 'a resource'));
        }, true);
        window.addEventListener('unhandledrejection', function (e) { window.__errors.push('unhandled rejection: ' + e.reason); });
        (function () { var original = console.error; console.error = function () { window.__errors.push(Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); }; })();
        """;

    [Fact]
    public void Plotly_js_is_embedded_once_and_nothing_is_fetched()
    {
        var html = HtmlReport.Render(ReportNotebooks.CustomerReport());

        var marker = PlotlyJs.Source[..200];
        Assert.Equal(1, Count(html, marker));
        Assert.Equal(3, Count(html, "document.getElementById(\"report-plot-"));
        // The page's own copy: no chart loads another.
        Assert.DoesNotContain("withPlotly", html, StringComparison.Ordinal);
        // Outside plotly.js itself (which names a CDN only for optional features it is not asked for), nothing points off the page.
        var page = html.Replace(PlotlyJs.Source, "", StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", page.Replace("href=\"https://example.org\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_charts_carries_no_plotly_js()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Markdown("# Only text"));
        var html = HtmlReport.Render(notebook);

        Assert.DoesNotContain(PlotlyJs.Source[..200], html, StringComparison.Ordinal);
        Assert.True(html.Length < 20_000, $"A text-only report should be small, not {html.Length} characters.");
        Assert.Contains("<title>Only text</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_is_collapsed_hidden_or_shown_as_asked_and_always_escaped()
    {
        var notebook = ReportNotebooks.CustomerReport();

        var collapsed = HtmlReport.Render(notebook);
        var hidden = HtmlReport.Render(notebook, new HtmlReportOptions { Code = ReportCodeDisplay.Hidden });
        var shown = HtmlReport.Render(notebook, new HtmlReportOptions { Code = ReportCodeDisplay.Shown });

        Assert.Contains("WHERE name &lt;&gt; &#39;&lt;/script&gt;&#39;;", collapsed, StringComparison.Ordinal);
        Assert.DoesNotContain("name <> '</script>'", collapsed, StringComparison.Ordinal);
        Assert.DoesNotContain("<details class=\"code\" open>", collapsed, StringComparison.Ordinal);
        Assert.DoesNotContain("missing_table;</code>", hidden, StringComparison.Ordinal);
        Assert.Contains("<details class=\"code\" open>", shown, StringComparison.Ordinal);
        // The injected parameters show in every mode; a remove-input cell's code in none.
        Assert.All([collapsed, hidden, shown], html => Assert.Contains("var region = &quot;US&quot;;", html, StringComparison.Ordinal));
        Assert.All([collapsed, hidden, shown], html => Assert.DoesNotContain("Chart.Pie(segments", html, StringComparison.Ordinal));
        // Colour codes in tracebacks are dropped, the text kept.
        Assert.Contains("Catalog Error: Table with name missing_table does not exist!\nSELECT", collapsed, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", collapsed, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_draws_every_chart_in_chromium_without_errors()
    {
        var driver = browser.Driver;
        driver.ExecuteCdpCommand("Page.addScriptToEvaluateOnNewDocument", new Dictionary<string, object?> { ["source"] = ErrorCatcher });
        var html = HtmlReport.Render(ReportNotebooks.CustomerReport());

        browser.Open(driver, "notebook_report.html", html);
        Browser.WaitFor(driver, d => d.FindElements(By.CssSelector(".mallard-plot.js-plotly-plot .main-svg")).Count > 0
            && d.FindElements(By.CssSelector(".mallard-plot")).All(p => p.FindElements(By.CssSelector(".main-svg")).Count > 0), "every chart to draw");

        Assert.Equal(3, driver.FindElements(By.CssSelector(".mallard-plot")).Count);
        Assert.Equal(3, driver.FindElements(By.CssSelector(".mallard-plot.js-plotly-plot")).Count);
        Assert.Equal(4, driver.FindElements(By.CssSelector("#report-plot-1 g.barlayer g.point")).Count);
        Assert.Equal(4, driver.FindElements(By.CssSelector("#report-plot-2 g.scatterlayer path.point")).Count);
        Assert.Equal(4, driver.FindElements(By.CssSelector("#report-plot-3 g.slice")).Count);
        Assert.Equal("Customer Report", driver.Title);
        Assert.Equal(2, driver.FindElements(By.CssSelector(".mallard-kpis .mk-card")).Count);
        Assert.Equal(4, driver.FindElements(By.CssSelector(".mallard-table tbody tr")).Count);
        Assert.Equal("LTV", driver.FindElement(By.CssSelector("section.md table td")).Text);
        Assert.Contains("<x> & \"quotes\"", driver.FindElement(By.CssSelector("section.md p")).Text, StringComparison.Ordinal);
        Assert.Equal("segment", driver.FindElement(By.CssSelector("section.md em")).Text);

        driver.ExecuteScript("window.scrollTo(0, 0)");
        browser.Screenshot(driver, "notebook_report");

        // Code is collapsed: its text is not visible until the box is opened.
        var code = driver.FindElements(By.CssSelector(".cell details.code"))
            .First(d => d.FindElement(By.TagName("code")).GetAttribute("textContent")!.Contains("missing_table", StringComparison.Ordinal));
        Assert.False(code.FindElement(By.TagName("pre")).Displayed);
        code.FindElement(By.TagName("summary")).Click();
        Assert.True(code.FindElement(By.TagName("pre")).Displayed);

        var errors = (driver.ExecuteScript("return window.__errors.join('\\n')") as string) ?? "";
        Assert.True(errors.Length == 0, "The report logged errors:\n" + errors);
        Assert.True(File.Exists(Path.Combine(browser.ArtifactDirectory, "notebook_report.png")));
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
