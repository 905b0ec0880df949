using System.Globalization;
using Mallard.Display.Plotly;
using Mallard.Display.Tables;
using OpenQA.Selenium;

namespace Mallard.Display.Tests;

/// <summary>What an analyst sees: tables, KPI cards and every chart type rendered by a real Chromium.</summary>
public sealed class BrowserTests(Browser browser) : IClassFixture<Browser>
{
    private IWebDriver Driver => browser.Driver;

    [Fact]
    public void Every_chart_type_draws_one_mark_per_row()
    {
        // One document holding every chart, formatted by one registry: only the first output carries
        // plotly.js, so this also checks that later charts use the copy the first one loaded.
        var registry = new FormatterRegistry();
        var body = string.Join("\n", Charts.Names.Select(name =>
            $"<section data-chart=\"{name}\">" + registry.Format(Charts.Build(name)).Get(MimeTypes.Html) + "</section>"));
        browser.Open(Driver, "charts.html", Browser.Page("charts", body));
        Browser.WaitFor(Driver, d => d.FindElements(By.CssSelector(".mallard-plot .main-svg")).Count >= Charts.Names.Count, "every chart to draw");

        foreach (var name in Charts.Names)
        {
            var section = Driver.FindElement(By.CssSelector($"section[data-chart='{name}']"));
            ((IJavaScriptExecutor)Driver).ExecuteScript("arguments[0].scrollIntoView()", section);
            browser.Screenshot((ITakesScreenshot)section, "chart_" + name);
        }

        Assert.Equal(4, Marks("bar_segment", "g.barlayer g.point"));
        Assert.Equal(18, Marks("bar_grouped", "g.barlayer g.point"));
        Assert.Equal(18, Marks("bar_stacked", "g.barlayer g.point"));
        Assert.Equal(8, Marks("bar_horizontal", "g.barlayer g.point"));
        // Five rows, one of them the NULL cohort: a point with no x is not drawn.
        Assert.Equal(4, Marks("line_markers", "g.scatterlayer path.point"));
        Assert.Equal(18, Marks("line_by_segment", "g.scatterlayer path.point"));
        Assert.Equal(4, Marks("scatter", "g.scatterlayer path.point"));
        Assert.Equal(3, Marks("area", "g.scatterlayer g.trace"));
        Assert.Equal(4, Marks("pie", "g.slice"));
        Assert.Equal(4, Marks("donut", "g.slice"));
        Assert.InRange(Marks("histogram", "g.barlayer g.point"), 5, 25);
        Assert.Equal(1, Marks("heatmap", "g.hm image"));

        Assert.Contains("Revenue by Segment", Text("bar_segment", "g.infolayer .gtitle"), StringComparison.Ordinal);
        Assert.Equal("Lifetime Revenue", Text("bar_segment", "g.infolayer .ytitle"));
        Assert.Equal("Cohort month", Text("line_markers", "g.infolayer .xtitle"));
        // Bar labels come from the text column.
        Assert.Equal(["10", "11", "4", "3"], Driver.FindElements(By.CssSelector("section[data-chart='bar_segment'] g.barlayer text")).Select(e => e.Text));
    }

    [Fact]
    public void A_standalone_figure_page_draws_offline()
    {
        browser.Open(Driver, "figure.html", Charts.Build("bar_grouped").ToHtml());
        Browser.WaitFor(Driver, d => d.FindElements(By.CssSelector("g.barlayer g.point")).Count == 18, "the bars to draw");
        browser.Screenshot((ITakesScreenshot)Driver, "figure_page");
    }

    [Fact]
    public void A_table_sorts_by_clicking_a_header()
    {
        browser.Open(Driver, "table_sort.html", Browser.Page("table", HtmlTable.Render(Frames.SegmentMix())));
        Browser.WaitFor(Driver, d => d.FindElements(By.CssSelector(".mallard-table[data-enhanced]")).Count == 1, "the table script to run");
        var customers = Driver.FindElements(By.CssSelector(".mallard-table th"))[1];

        customers.Click();
        Assert.Equal(["3", "4", "10", "11"], Column(1));
        Assert.Equal("ascending", customers.GetAttribute("aria-sort"));
        customers.Click();
        Assert.Equal(["11", "10", "4", "3"], Column(1));
        customers.Click();
        Assert.Equal(["VIP", "Loyal", "Active", "Prospect"], Column(0));

        var segment = Driver.FindElements(By.CssSelector(".mallard-table th"))[0];
        segment.Click();
        Assert.Equal(["Active", "Loyal", "Prospect", "VIP"], Column(0));
        browser.Screenshot((ITakesScreenshot)Driver, "table_sorted");
    }

    [Fact]
    public void Nulls_sort_last_either_way()
    {
        browser.Open(Driver, "table_nulls.html", Browser.Page("table", HtmlTable.Render(Frames.Awkward())));
        Browser.WaitFor(Driver, d => d.FindElements(By.CssSelector(".mallard-table[data-enhanced]")).Count == 1, "the table script to run");
        var amount = Driver.FindElements(By.CssSelector(".mallard-table th"))[1];
        amount.Click();
        Assert.Equal("-1,234,567", Column(1)[0]);
        Assert.Equal("NULL", Column(1)[^1]);
        amount.Click();
        Assert.Equal("9,223,372,036,854,775,807", Column(1)[0]);
        Assert.Equal("NULL", Column(1)[^1]);
        // Markup in the data shows as text, and did not run.
        Assert.Contains("<script>alert(1)</script>", Column(0), StringComparer.Ordinal);
    }

    [Fact]
    public void A_long_table_pages_through_the_rows_it_holds()
    {
        browser.Open(Driver, "table_pages.html", Browser.Page("table", HtmlTable.Render(Frames.Long(1_000_000))));
        Browser.WaitFor(Driver, d => d.FindElements(By.CssSelector(".mallard-table .mt-next")).Count == 1, "the pager");
        Assert.Equal("Rows 1–20 of 100", Driver.FindElement(By.CssSelector(".mt-page")).Text);
        Assert.Equal(20, Column(0).Count);
        Assert.Equal("1", Column(0)[0]);

        Driver.FindElement(By.CssSelector(".mt-next")).Click();
        Assert.Equal("Rows 21–40 of 100", Driver.FindElement(By.CssSelector(".mt-page")).Text);
        Assert.Equal("21", Column(0)[0]);
        for (var i = 0; i < 10; i++) Driver.FindElement(By.CssSelector(".mt-next")).Click();
        Assert.Equal("Rows 81–100 of 100", Driver.FindElement(By.CssSelector(".mt-page")).Text);
        Assert.False(Driver.FindElement(By.CssSelector(".mt-next")).Enabled);

        // Sorting sorts every row the output holds and starts again at the first page.
        var id = Driver.FindElements(By.CssSelector(".mallard-table th"))[0];
        id.Click();
        id.Click();
        Assert.Equal("Rows 1–20 of 100", Driver.FindElement(By.CssSelector(".mt-page")).Text);
        Assert.Equal("100", Column(0)[0]);
        Assert.Contains("100 of 1,000,000 rows", Driver.FindElement(By.CssSelector(".mt-footer")).Text, StringComparison.Ordinal);
        browser.Screenshot((ITakesScreenshot)Driver, "table_paged");
    }

    [Fact]
    public void With_scripts_off_the_plain_table_shows_every_row_it_holds()
    {
        var driver = browser.WithoutScripts;
        browser.Open(driver, "table_noscript.html", Browser.Page("table", HtmlTable.Render(Frames.Long(1_000))));
        var rows = driver.FindElements(By.CssSelector(".mallard-table tbody tr"));
        Assert.Equal(100, rows.Count(r => r.Displayed));
        Assert.Empty(driver.FindElements(By.CssSelector(".mt-pager")));
        Assert.Equal("100 of 1,000 rows · 4 columns", driver.FindElement(By.CssSelector(".mt-footer")).Text);
        browser.Screenshot((ITakesScreenshot)driver, "table_noscript");
    }

    [Fact]
    public void A_wide_table_breaks_no_word_number_or_date_wraps_long_text_and_scrolls()
    {
        // Ten columns in a 500 px wide page: the seed report's shape that once broke "Hernánde/z" and "2025-/07-01".
        var frame = new Mallard.Data.Frame(
            Mallard.Data.StringColumn.Create("full_name", ["María Hernández", "Zoë Øster-Lindqvist"]),
            Mallard.Data.StringColumn.Create("country_code", ["ES", "SE"]),
            Mallard.Data.StringColumn.Create("customer_segment", ["VIP", "Loyal"]),
            Mallard.Data.StringColumn.Create("recency_segment", ["Active", "Cooling"]),
            Mallard.Data.DecimalColumn.Create("lifetime_value", Mallard.Data.DataType.Decimal(18, 2), [12345.67m, 890.1m]),
            Mallard.Data.PrimitiveColumn<long>.Create("late_payments", [1L, 0L]),
            Mallard.Data.PrimitiveColumn<long>.Create("failed_payments", [0L, 2L]),
            Mallard.Data.PrimitiveColumn<long>.Create("support_tickets", [3L, 1L]),
            Mallard.Data.DateColumn.Create("last_order_date", [new DateOnly(2025, 7, 1), new DateOnly(2025, 6, 30)]),
            Mallard.Data.StringColumn.Create("note", [string.Join(' ', Enumerable.Repeat("a long remark about this customer", 6)), "short"]));
        var html = HtmlTable.Render(frame.Table().Labels());
        browser.Open(Driver, "table_wide.html", "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"></head><body style=\"margin:16px;width:500px\">" + html + "</body></html>");
        var js = (IJavaScriptExecutor)Driver;
        // The lines a cell's text takes: the distinct tops of its text's boxes.
        long Lines(int row, int column) => Convert.ToInt64(js.ExecuteScript(
            $"var td=document.querySelectorAll('.mallard-table tbody tr')[{row}].cells[{column}],r=document.createRange();r.selectNodeContents(td);"
            + "var tops={};Array.prototype.forEach.call(r.getClientRects(),function(x){tops[Math.round(x.top)]=1;});return Object.keys(tops).length;"), CultureInfo.InvariantCulture);
        for (var row = 0; row < 2; row++)
        {
            Assert.Equal(1, Lines(row, 4)); // $12,345.67
            Assert.Equal(1, Lines(row, 8)); // 2025-07-01
            Assert.Equal(1, Lines(row, 2)); // VIP
        }
        // Names wrap between words only: "Hernández" is never split.
        var hernandez = Convert.ToDouble(js.ExecuteScript("var td=document.querySelector('.mallard-table tbody td'),t=td.firstChild,r=document.createRange();"
            + "var i=t.textContent.indexOf('Hernández');r.setStart(t,i);r.setEnd(t,i+9);return r.getClientRects().length;"), CultureInfo.InvariantCulture);
        Assert.Equal(1, hernandez);
        // The long note wraps within its column's bound (16 to 28em wide) instead of running on or being squeezed, and the
        // table, now wider than its 500 px output, scrolls sideways.
        Assert.InRange(Lines(0, 9), 2, 8);
        var width = Convert.ToDouble(js.ExecuteScript("return document.querySelectorAll('.mallard-table tbody tr')[0].cells[9].getBoundingClientRect().width"), CultureInfo.InvariantCulture);
        Assert.InRange(width, 16 * 13, 28 * 13 + 20 + 1);
        Assert.True((bool)js.ExecuteScript("var t=document.querySelector('.mallard-table');return t.scrollWidth>t.clientWidth && getComputedStyle(t).overflowX==='auto';")!,
            "a table wider than its output should scroll sideways");
        Assert.Equal("Full name", Driver.FindElement(By.CssSelector(".mallard-table th")).Text.Split('\n')[0]);
        browser.Screenshot((ITakesScreenshot)Driver, "table_wide");
    }

    [Fact]
    public void Kpi_cards_render_in_a_row()
    {
        browser.Open(Driver, "kpis.html", Browser.Page("kpis", KpiTests.PortfolioSnapshot().ToHtml() + HtmlTable.Render(Frames.SegmentMix())));
        var cards = Driver.FindElements(By.CssSelector(".mk-card"));
        Assert.Equal(8, cards.Count);
        Assert.Equal("$20,444.35", cards[3].FindElement(By.CssSelector(".mk-value")).Text);
        Assert.Equal("Churn <90d> & [red]", cards[5].FindElement(By.CssSelector(".mk-title")).Text);
        // Side by side: the first cards share a line.
        Assert.Equal(cards[0].Location.Y, cards[1].Location.Y);
        Assert.True(cards[1].Location.X > cards[0].Location.X);
        var good = cards[1].FindElement(By.CssSelector(".mk-delta"));
        Assert.Equal("rgba(5, 150, 105, 1)", good.GetCssValue("color"));
        browser.Screenshot((ITakesScreenshot)Driver, "kpi_cards");
    }

    private int Marks(string chart, string selector) =>
        Driver.FindElements(By.CssSelector($"section[data-chart='{chart}'] {selector}")).Count;

    private string Text(string chart, string selector) =>
        Driver.FindElement(By.CssSelector($"section[data-chart='{chart}'] {selector}")).Text;

    /// <summary>The visible cells of a column, top to bottom.</summary>
    private List<string> Column(int index) =>
        [.. Driver.FindElements(By.CssSelector(".mallard-table tbody tr"))
            .Where(r => r.Displayed)
            .Select(r => r.FindElements(By.TagName("td"))[index].Text.ToString(CultureInfo.InvariantCulture))];
}
