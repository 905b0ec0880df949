using System.Text.Json;
using Mallard.Display;
using Mallard.Display.Plotly;
using Mallard.Repl.Rendering;

namespace Mallard.Repl.Tests;

public sealed class RenderingTests
{
    [Theory]
    [InlineData(OutputMode.Table, "awkward.table.txt")]
    [InlineData(OutputMode.Box, "awkward.box.txt")]
    [InlineData(OutputMode.Csv, "awkward.csv")]
    [InlineData(OutputMode.Json, "awkward.json")]
    [InlineData(OutputMode.Markdown, "awkward.md")]
    [InlineData(OutputMode.Line, "awkward.line.txt")]
    public void Nulls_unicode_and_markup_characters_render_as_themselves_in_every_mode(OutputMode mode, string expected)
    {
        var text = ResultRenderer.Render(Frames.Awkward(), mode, maxRows: 40, width: 0);
        Expected.Matches(text, expected);
        Assert.Contains("[bold red]not markup[/]", text);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void Json_mode_reads_back_as_the_same_values()
    {
        var json = ResultRenderer.Render(Frames.Awkward(), OutputMode.Json, 0, 0);
        using var document = JsonDocument.Parse(json);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(JsonValueKind.Null, rows[3].GetProperty("id").ValueKind);
        Assert.Equal(-1234567.25m, rows[2].GetProperty("amount").GetDecimal());
        Assert.Equal("two\nlines\tand a tab", rows[4].GetProperty("text").GetString());
        Assert.Equal("北京 🦆 café", rows[3].GetProperty("text").GetString());
        Assert.True(rows[0].GetProperty("flag").GetBoolean());
    }

    [Fact]
    public void A_wide_table_leaves_out_columns_to_fit_the_terminal_and_says_so()
    {
        var text = ResultRenderer.Table(Frames.Wide(), maxRows: 40, width: 100);
        Expected.Matches(text, "wide.table.txt");
        Assert.All(text.Split('\n'), line => Assert.True(TerminalText.Width(line) <= 100, $"Line wider than the terminal: {line}"));
        Assert.Contains("of 30 columns", text);
    }

    [Fact]
    public void Maxrows_bounds_a_table_and_the_footer_counts_every_row()
    {
        var frame = Frames.Query("SELECT range AS n FROM range(1000)");
        var text = ResultRenderer.Table(frame, maxRows: 5, width: 0);
        Assert.Contains("5 of 1,000 rows", text);
        Assert.Equal(3 + 5 + 1, text.TrimEnd('\n').Split('\n').Length);
        var all = ResultRenderer.Table(frame, maxRows: 0, width: 0);
        Assert.Contains("1,000 rows", all);
        Assert.Contains("999", all);
    }

    [Fact]
    public void A_bar_chart_draws_one_bar_per_category_scaled_to_the_largest()
    {
        var frame = Frames.Query("SELECT * FROM (VALUES ('VIP', 10718.66), ('Loyal', 8420.38), ('[Active]', 1305.31), ('Prospect', 0)) t(segment, revenue)");
        var figure = Chart.Bar(frame, "segment", "revenue", title: "Revenue by segment");
        var plotly = new FormatterRegistry().Format(figure)[MimeTypes.Plotly]!;
        var text = TerminalChart.Render(plotly, width: 60);
        Expected.Matches(text, "bar.chart.txt");
        var lines = text.Split('\n');
        Assert.Equal("Revenue by segment", lines[0]);
        Assert.True(lines[1].Count(c => c == '█') > lines[2].Count(c => c == '█'), "The larger value has the longer bar.");
        Assert.Contains("[Active]", text);
    }

    [Fact]
    public void A_pie_chart_shows_each_slices_share_beside_its_value()
    {
        var frame = Frames.Query("SELECT * FROM (VALUES ('Europe', 45), ('Americas', 2958), ('Asia', 1997)) t(region, customers)");
        var plotly = new FormatterRegistry().Format(Chart.Pie(frame, "region", "customers"))[MimeTypes.Plotly]!;

        var lines = TerminalChart.Render(plotly, width: 70).Split('\n');

        // 45 / 5000 = 0.9%, 2958 / 5000 = 59.2% (59.16), 1997 / 5000 = 39.9% (39.94)
        Assert.EndsWith("45 (0.9%)", lines.Single(l => l.StartsWith("Europe", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("2,958 (59.2%)", lines.Single(l => l.StartsWith("Americas", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith("1,997 (39.9%)", lines.Single(l => l.StartsWith("Asia", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_over_many_months_is_plotted_with_every_point_up_to_the_newest()
    {
        var frame = Frames.Query("SELECT strftime(DATE '2022-01-01' + INTERVAL (i) MONTH, '%Y-%m') AS month, i * i AS customers FROM range(49) t(i)");
        var plotly = new FormatterRegistry().Format(Chart.Line(frame, "month", ["customers"], title: "Customers"))[MimeTypes.Plotly]!;

        var lines = TerminalChart.Render(plotly, width: 80).TrimEnd('\n').Split('\n');

        Assert.Equal("Customers", lines[0]);
        // Twelve rows of dots from the largest value down to 0, the axis, then the first and the newest month.
        Assert.StartsWith("2,304 ┤", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("    0 ┤", lines[12], StringComparison.Ordinal);
        Assert.StartsWith("      └", lines[13], StringComparison.Ordinal);
        Assert.Equal(["2022-01", "2026-01"], lines[14].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(15, lines.Length);
        // Rising: the top row is drawn at its right end, the bottom row from its left end.
        Assert.True(lines[1].Length >= 78 && lines[1][^1] is >= '\u2801' and <= '\u28ff', lines[1]);
        Assert.Equal('\u28c0', lines[12][7]);
        Assert.DoesNotContain("not shown", string.Join("\n", lines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_histogram_draws_a_bar_per_bin_with_its_range_and_count()
    {
        var frame = Frames.Query("SELECT range::INTEGER AS v FROM range(1, 101)");
        var plotly = new FormatterRegistry().Format(Chart.Histogram(frame, "v", bins: 4))[MimeTypes.Plotly]!;

        var lines = TerminalChart.Render(plotly, width: 60).TrimEnd('\n').Split('\n');

        Assert.Equal(["1 – 25.75", "25.75 – 50.5", "50.5 – 75.25", "75.25 – 100"], lines.Select(l => l.Split('│')[0].Trim()));
        Assert.All(lines, l => Assert.EndsWith(" 25", l, StringComparison.Ordinal));
    }
}

