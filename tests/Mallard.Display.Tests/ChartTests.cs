using System.Text.Json;
using Mallard.Data;
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
    public void Axis_titles_are_the_columns_readable_names_unless_given()
    {
        var figure = Chart.Bar(Frames.SegmentMix(), "customer_segment", "revenue");
        Assert.Equal("Customer segment", figure.Layout.XAxis!.Title!.Text);
        Assert.Equal("Revenue", figure.Layout.YAxis!.Title!.Text);
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
        Assert.Equal("Segment", figure.Layout.Legend!.Title!.Text);
    }

    [Fact]
    public void Horizontal_bars_swap_the_axes()
    {
        var figure = Chart.Bar(Frames.SegmentMix(), "customer_segment", "revenue", horizontal: true);
        Assert.Equal("h", figure.Data[0].Orientation);
        Assert.Equal("VIP", figure.Data[0].Y![0]);
        Assert.Equal("category", figure.Layout.YAxis!.Type);
        Assert.Equal("Revenue", figure.Layout.XAxis!.Title!.Text);
        // The value axis is the x axis: money ticks and hover there.
        Assert.Equal("$", figure.Layout.XAxis!.TickPrefix);
        Assert.Contains("Revenue: $%{x:,.2f}", figure.Data[0].HoverTemplate, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_axes_have_a_currency_symbol_and_hover_shows_cents()
    {
        var figure = Chart.Bar(Frames.SegmentMix(), "customer_segment", "revenue");
        Assert.Equal("$", figure.Layout.YAxis!.TickPrefix);
        Assert.Equal("~s", figure.Layout.YAxis!.TickFormat);
        Assert.Equal("Customer segment: %{x}<br>Revenue: $%{y:,.2f}<extra></extra>", figure.Data[0].HoverTemplate);
        Assert.Equal("tozero", figure.Layout.YAxis!.RangeMode);
    }

    [Fact]
    public void Share_axes_are_percentages_from_zero_and_legends_use_labels()
    {
        var frame = new Frame(
            StringColumn.Create("value_tier", ["High", "Medium", "Low"]),
            PrimitiveColumn<double>.Create("customer_share", [0.2, 0.3, 0.5]),
            PrimitiveColumn<double>.Create("revenue_share", [0.6, 0.3, 0.1]));
        var figure = Chart.Bar(frame, "value_tier", ["customer_share", "revenue_share"]);
        Assert.Equal(["Customer share", "Revenue share"], figure.Data.Select(t => t.Name));
        Assert.Equal(".0%", figure.Layout.YAxis!.TickFormat);
        Assert.Equal("tozero", figure.Layout.YAxis!.RangeMode);
        Assert.Equal("Value tier: %{x}<br>Customer share: %{y:.1%}<extra></extra>", figure.Data[0].HoverTemplate);

        var line = Chart.Line(new Frame(
            PrimitiveColumn<int>.Create("months_since", [1, 2, 3]),
            PrimitiveColumn<double>.Create("retention_rate", [0.31, 0.27, 0.25])), "months_since", "retention_rate");
        Assert.Equal("tozero", line.Layout.YAxis!.RangeMode);
        Assert.Equal(".0%", line.Layout.YAxis!.TickFormat);
    }

    [Fact]
    public void A_given_value_format_wins_over_the_columns_name()
    {
        var figure = Chart.Bar(Frames.SegmentMix(), "customer_segment", "revenue", yFormat: ValueFormat.Compact());
        Assert.Null(figure.Layout.YAxis!.TickPrefix);
        Assert.Equal("~s", figure.Layout.YAxis!.TickFormat);
    }

    [Fact]
    public void Monthly_dates_tick_and_hover_as_months()
    {
        var figure = Chart.Line(Frames.CohortGrowth(), "cohort_month", "new_customers");
        Assert.Equal("%b %Y", figure.Layout.XAxis!.TickFormat);
        Assert.StartsWith("Cohort month: %{x|%b %Y}<br>New customers: %{y:,}", figure.Data[0].HoverTemplate, StringComparison.Ordinal);
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
