using System.Text.Json.Nodes;

namespace Mallard.Display.Tests;

/// <summary>Charts made with Plotly.NET (the real package) display as Mallard's own: Plotly JSON, HTML that draws it, a line of text.</summary>
public sealed class PlotlyNetFormatterTests
{
    [Fact]
    public void A_plotly_net_chart_is_shown_by_its_figure_json()
    {
        var chart = global::Plotly.NET.CSharp.Chart.Column<int, string, string>(values: [3, 1, 2], Keys: new[] { "a", "b", "c" });
        var bundle = new FormatterRegistry().Format(chart);

        Assert.Equal(["application/vnd.plotly.v1+json", "text/html", "text/plain"], bundle.MimeTypes);
        var figure = JsonNode.Parse(bundle.Get(MimeTypes.Plotly))!;
        Assert.Equal(JsonNode.Parse(global::Plotly.NET.GenericChart.toFigureJson(chart))!.ToJsonString(), figure.ToJsonString());
        Assert.Equal([3, 1, 2], figure["data"]![0]!["y"]!.AsArray().Select(y => y!.GetValue<int>()));
        Assert.Equal(["a", "b", "c"], figure["data"]![0]!["x"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Contains("class=\"mallard-plot\"", bundle.Get(MimeTypes.Html), StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", bundle.Get(MimeTypes.Html), StringComparison.Ordinal);
        Assert.Equal("Plotly.NET chart: 1 trace\n", bundle.Get(MimeTypes.PlainText));
    }

    [Fact]
    public void Other_values_are_not_taken_for_charts()
    {
        var bundle = new FormatterRegistry().Format(new { Name = "not a chart" });
        Assert.False(bundle.Contains(MimeTypes.Plotly));
    }
}
