using System.Text.Json;

namespace Mallard.Engine.Tests.Packages;

/// <summary>Plotly.NET from the configured NuGet registry, as a Polyglot notebook would use it.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PlotlyNetTests(LocalFeed feed)
{
    [Fact]
    public async Task A_Plotly_NET_chart_is_the_cells_value_as_a_plotly_figure()
    {
        using var session = Sessions.New(workingDirectory: feed.NewWorkingDirectory());

        var output = await session.ExecuteOk(
            "#r \"nuget: Plotly.NET, 6.0.0\"\n" +
            "#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n" +
            "Plotly.NET.CSharp.Chart.Column<int, string, string>(values: new[] { 1, 2, 3 }, Keys: new[] { \"a\", \"b\", \"c\" })");

        Assert.Equal(["Installed Plotly.NET 6.0.0, Plotly.NET.CSharp 0.14.0"], output.ShownText().Select(t => t.Replace(" (restored earlier; from Mallard's package cache)", "", StringComparison.Ordinal).TrimEnd()));
        var result = output.Results.Single();
        Assert.True(result.Contains("application/vnd.plotly.v1+json"), $"The chart was shown as {result}, without a Plotly figure: {result["text/plain"]}");
        using var figure = JsonDocument.Parse(result.Get("application/vnd.plotly.v1+json"));
        var trace = figure.RootElement.GetProperty("data")[0];
        Assert.Equal("bar", trace.GetProperty("type").GetString());
        Assert.Equal([1, 2, 3], trace.GetProperty("y").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(["a", "b", "c"], trace.GetProperty("x").EnumerateArray().Select(v => v.GetString()));
    }
}
