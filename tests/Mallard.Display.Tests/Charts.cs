using Mallard.Display.Plotly;

namespace Mallard.Display.Tests;

/// <summary>One figure of each kind the builders make, shared by the expected-file and browser tests.</summary>
internal static class Charts
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "bar_segment", "bar_grouped", "bar_stacked", "bar_horizontal", "line_markers", "line_by_segment",
        "scatter", "area", "pie", "donut", "histogram", "heatmap",
    ];

    public static Figure Build(string name) => name switch
    {
        "bar_segment" => Chart.Bar(Frames.SegmentMix(), "customer_segment", "revenue", text: "customers", title: "Revenue by Segment", yTitle: "Lifetime Revenue"),
        "bar_grouped" => Chart.Bar(Frames.RevenueBySegmentMonth(), "month", "revenue", color: "segment", title: "Revenue by Month and Segment"),
        "bar_stacked" => Chart.Bar(Frames.RevenueBySegmentMonth(), "month", "revenue", color: "segment", mode: BarMode.Stack, title: "Revenue by Month, stacked"),
        "bar_horizontal" => Chart.Bar(Frames.SegmentMix(), "customer_segment", ["customers", "avg_order_value"], horizontal: true, title: "Segments", textLabels: true),
        "line_markers" => Chart.Line(Frames.CohortGrowth(), "cohort_month", "new_customers", markers: true, title: "New Customers by Month"),
        "line_by_segment" => Chart.Line(Frames.RevenueBySegmentMonth(), "month", "revenue", color: "segment", markers: true, title: "Revenue by Segment"),
        "scatter" => Chart.Scatter(Frames.SegmentMix(), "customers", "avg_order_value", color: "customer_segment", text: "revenue", title: "Customers against Order Value"),
        "area" => Chart.Area(Frames.RevenueBySegmentMonth(), "month", "revenue", color: "segment", title: "Revenue, stacked areas"),
        "pie" => Chart.Pie(Frames.SegmentMix(), "customer_segment", "customers", title: "Customers by Segment"),
        "donut" => Chart.Donut(Frames.SegmentMix(), "customer_segment", "revenue", title: "Revenue by Segment"),
        "histogram" => Chart.Histogram(Frames.Long(500), "amount", bins: 20, title: "Order Amounts"),
        "heatmap" => Chart.Heatmap(Frames.CohortRetention(), "months_since_first", "cohort", "retention", title: "Cohort Retention", valueFormat: ".0%"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
