using Mallard.Data;
using Mallard.Display.Tables;

namespace Mallard.Display.Tests;

public sealed class TableTests
{
    [Theory]
    [InlineData("segment_mix")]
    [InlineData("cohort_growth")]
    [InlineData("awkward")]
    [InlineData("every_type")]
    [InlineData("wide")]
    [InlineData("long")]
    public void A_frame_renders_as_the_expected_html_and_text(string name)
    {
        var frame = Named(name);
        Expected.Matches(HtmlTable.Render(frame), name + ".html");
        Expected.Matches(TextTable.Render(frame), name + ".txt");
    }

    [Fact]
    public void Rendering_the_same_frame_twice_gives_the_same_bytes()
    {
        Assert.Equal(HtmlTable.Render(Frames.Awkward()), HtmlTable.Render(Frames.Awkward()));
        Assert.Equal(TextTable.Render(Frames.EveryType()), TextTable.Render(Frames.EveryType()));
    }

    [Fact]
    public void Markup_in_data_is_escaped_and_renders_as_itself()
    {
        var html = HtmlTable.Render(Frames.Awkward());
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Tom &amp; Jerry", html, StringComparison.Ordinal);
        Assert.Contains("[red]not red[/]", html, StringComparison.Ordinal);
        Assert.Contains("O&#39;Brien &quot;quoted&quot;", html, StringComparison.Ordinal);
        Assert.Contains("Zoë 東京 🦆", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_names_and_types_are_escaped_too()
    {
        var frame = new Frame(StringColumn.Create("<b>bold</b>", ["x"]));
        var html = HtmlTable.Render(frame);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;<span class=\"mt-type\">VARCHAR</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_million_row_frame_shows_its_head_and_says_how_many_rows_there_are()
    {
        var frame = Frames.Long(1_000_000);
        var html = HtmlTable.Render(frame);
        var text = TextTable.Render(frame);
        Assert.Contains("100 of 1,000,000 rows · 4 columns", html, StringComparison.Ordinal);
        Assert.EndsWith("100 of 1,000,000 rows · 4 columns\n", text, StringComparison.Ordinal);
        Assert.Equal(100, CountOf(html, "<tr>") - 1);
        Assert.True(html.Length < 40_000, $"A bounded table should stay small; it was {html.Length} characters.");
    }

    [Fact]
    public void Numbers_have_thousands_separators_and_a_sort_key_and_align_right()
    {
        var html = HtmlTable.Render(Frames.SegmentMix());
        Assert.Contains("<td class=\"mt-num\" data-v=\"10718.66\">$10,718.66</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th class=\"mt-num\" scope=\"col\">revenue<span class=\"mt-type\">DECIMAL(18,2)</span></th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_shown_distinctly_and_in_a_numeric_column_right_aligned()
    {
        var html = HtmlTable.Render(Frames.CohortGrowth());
        Assert.Contains("<td class=\"mt-null\">NULL</td>", html, StringComparison.Ordinal);
        var numeric = HtmlTable.Render(new Frame(StringColumn.Create("name", ["a", "b"]), PrimitiveColumn<double>.Create("amount", [1.5, null])));
        Assert.Contains("<td class=\"mt-num mt-null\">NULL</td>", numeric, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bound_the_rows_and_columns()
    {
        var options = DisplayOptions.Default with { MaxRows = 2, MaxColumns = 3 };
        var text = TextTable.Render(Frames.Wide(), options);
        Assert.EndsWith("2 of 3 rows · 3 of 30 columns\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1234567.0, "1,234,567")]
    [InlineData(1234.5678, "1,234.57")]
    [InlineData(-0.123456, "-0.1235")]
    [InlineData(0.00001234, "1.234e-5")]
    [InlineData(1e20, "1e+20")]
    public void Doubles_get_sensible_decimals(double value, string expected) =>
        Assert.Equal(expected, Internal.CellText.FormatDouble(value));

    [Theory]
    [InlineData("0.50", "0.50")]
    [InlineData("-1234567.891", "-1,234,567.891")]
    [InlineData("123", "123")]
    [InlineData("1000", "1,000")]
    public void Decimals_keep_their_scale_and_gain_separators(string exact, string expected) =>
        Assert.Equal(expected, Internal.CellText.GroupDecimalText(exact));

    [Fact]
    public void An_empty_frame_renders()
    {
        Assert.Equal("0 rows · 0 columns\n", TextTable.Render(Frame.Empty));
        Assert.Contains("0 rows · 0 columns", HtmlTable.Render(Frame.Empty), StringComparison.Ordinal);
    }

    internal static Frame Named(string name) => name switch
    {
        "segment_mix" => Frames.SegmentMix(),
        "cohort_growth" => Frames.CohortGrowth(),
        "awkward" => Frames.Awkward(),
        "every_type" => Frames.EveryType(),
        "wide" => Frames.Wide(),
        "long" => Frames.Long(1_000),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
