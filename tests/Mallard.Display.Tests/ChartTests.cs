using System.Text.Json;
using Mallard.Display.Plotly;

namespace Mallard.Display.Tests;

public sealed class ChartTests
{
    public static TheoryData<string> ChartNames => [.. Charts.Names];

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void A_chart_serialises_to_the_expected_plotly_json(string name)
    {
        var json = Charts.Build(name).ToJson();
        Expected.Matches(Indent(json), name + ".plotly.json");
    }

    [Fact]
    public void Axis_titles_come_from_column_names_unless_given()
    {
        var figure = Chart.Bar(Frames.SegmentMix(), "customer_segment", "revenue");
        Assert.Equal("customer_segment", figure.Layout.XAxis!.Title!.Text);
        Assert.Equal("revenue", figure.Layout.YAxis!.Title!.Text);
        var titled = Chart.Bar(Frames.SegmentMix(), "customer_segment", "revenue", xTitle: "Segment", yTitle: "Lifetime Revenue");
        Assert.Equal("Segment", titled.Layout.XAxis!.Title!.Text);
        Assert.Equal("Lifetime Revenue", titled.Layout.YAxis!.Title!.Text);
    }

    [Fact]
    public void Date_columns_get_a_date_axis_and_iso_dates()
    {
        var figure = Chart.Line(Frames.CohortGrowth(), "cohort_month", "new_customers", markers: true);
        Assert.Equal("date", figure.Layout.XAxis!.Type);
        Assert.Equal("2024-02-01", figure.Data[0].X![0]);
        Assert.Null(figure.Data[0].X![4]);
        Assert.Equal("lines+markers", figure.Data[0].Mode);
    }

    [Fact]
    public void A_colour_column_makes_one_series_per_value_in_order_of_appearance()
    {
        var figure = Chart.Line(Frames.RevenueBySegmentMonth(), "month", "revenue", color: "segment");
        Assert.Equal(["VIP", "Loyal", "Active"], figure.Data.Select(t => t.Name));
        Assert.All(figure.Data, t => Assert.Equal(6, t.Y!.Count));
        Assert.Equal("segment", figure.Layout.Legend!.Title!.Text);
    }

    [Fact]
    public void Horizontal_bars_swap_the_axes()
    {
        var figure = Chart.Bar(Frames.SegmentMix(), "customer_segment", "revenue", horizontal: true);
        Assert.Equal("h", figure.Data[0].Orientation);
        Assert.Equal("VIP", figure.Data[0].Y![0]);
        Assert.Equal("category", figure.Layout.YAxis!.Type);
        Assert.Equal("revenue", figure.Layout.XAxis!.Title!.Text);
    }

    [Fact]
    public void The_heatmap_pivots_a_long_frame_into_a_grid()
    {
        var figure = Chart.Heatmap(Frames.CohortRetention(), "months_since_first", "cohort", "retention", valueFormat: ".0%");
        var trace = figure.Data[0];
        Assert.Equal(4, trace.Y!.Count);
        Assert.Equal(4, trace.X!.Count);
        Assert.Equal(1.0, trace.Z![0][0]);
        Assert.Null(trace.Z![3][1]);
        Assert.Equal("%{z:.0%}", trace.TextTemplate);
    }

    [Fact]
    public void Markup_in_data_cannot_close_the_script_that_draws_a_chart()
    {
        var figure = Chart.Bar(Frames.Awkward(), "name", "amount", title: "</script><b>x</b>");
        var html = figure.ToHtmlFragment(includePlotly: false);
        Assert.DoesNotContain("</script><b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("\\u003Cscript\\u003Ealert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_numbers_become_gaps()
    {
        var json = Chart.Scatter(Frames.Awkward(), "amount", "ratio").ToJson();
        using var document = JsonDocument.Parse(json);
        var y = document.RootElement.GetProperty("data")[0].GetProperty("y");
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, y[2].ValueKind);
    }

    [Fact]
    public void A_non_numeric_measure_is_refused_with_the_column_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Chart.Bar(Frames.SegmentMix(), "customers", "customer_segment"));
        Assert.Contains("'customer_segment' is VARCHAR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_one_figure_template_leaves_other_figures_alone()
    {
        var first = Chart.Bar(Frames.SegmentMix(), "customer_segment", "revenue");
        first.Layout.Template!.Layout!.Font!.Size = 30;
        var second = Chart.Bar(Frames.SegmentMix(), "customer_segment", "revenue");
        Assert.Equal(13, second.Layout.Template!.Layout!.Font!.Size);
    }

    [Fact]
    public void The_standalone_page_carries_plotly_and_the_figure()
    {
        var page = Charts.Build("bar_segment").ToHtml();
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Contains("plotly.js v3.7.0", page, StringComparison.Ordinal);
        Assert.Contains("Revenue by Segment", page, StringComparison.Ordinal);
        Assert.Equal("plotly.js@3.7.0", PlotlyJs.Package);
    }

    private static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) }))
            document.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
