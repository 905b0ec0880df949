using System.Text.Json.Nodes;

namespace Mallard.Analysis.Tests;

/// <summary>
/// The shipped analyses as Polyglot notebooks (notebooks/polyglot/*.dib), run in the real .NET Interactive tool with
/// Mallard.Interactive loaded from a package packed from this build: no cell fails, and every table, KPI card, chart and
/// written finding equals what the Mallard kernel shows for the same notebook on the same warehouse.
/// </summary>
[Collection(AnalysisCollection.Name)]
public sealed class PolyglotNotebookTests(AnalysisFixture fixture)
{
    [Theory]
    [InlineData("customer_intelligence")]
    [InlineData("segmentation_pack")]
    [InlineData("sql_exploration")]
    public void The_polyglot_version_runs_in_dotnet_interactive_without_an_error(string notebook)
    {
        var executed = fixture.RunWithDotnetInteractive(notebook, AnalysisFixture.SampleScale).Executed();
        Assert.Empty(executed.Errors);
        var outputs = MallardOutputs(executed);
        Assert.Contains(outputs, o => o.StartsWith("table", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.StartsWith("chart", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("customer_intelligence")]
    [InlineData("segmentation_pack")]
    public void Its_tables_cards_charts_and_findings_equal_the_mallard_kernels(string notebook)
    {
        var mallard = MallardOutputs(fixture.RunWithNbclient(notebook, AnalysisFixture.SampleScale).Executed());
        var polyglot = MallardOutputs(fixture.RunWithDotnetInteractive(notebook, AnalysisFixture.SampleScale).Executed());
        Assert.True(mallard.Count >= 10, $"The Mallard kernel's run shows only {mallard.Count} tables, cards, charts and findings.");
        Assert.Equal(mallard.Count, polyglot.Count);
        for (var i = 0; i < mallard.Count; i++) Assert.Equal(mallard[i], polyglot[i]);
    }

    /// <summary>
    /// What Mallard displayed, in order: tables and KPI cards by their text, charts by their figure (Plotly JSON, or the figure
    /// the HTML form draws where the front end gets HTML only), findings by their Markdown. Other values are the host's own.
    /// </summary>
    private static List<string> MallardOutputs(ExecutedNotebook executed)
    {
        var result = new List<string>();
        foreach (var output in executed.Outputs)
        {
            if (!output.TryGetProperty("data", out var data)) continue;
            var html = data.TryGetProperty("text/html", out var h) ? ExecutedNotebook.Join(h) : "";
            var plain = data.TryGetProperty("text/plain", out var p) ? ExecutedNotebook.Join(p) : "";
            if (data.TryGetProperty("application/vnd.plotly.v1+json", out var plotly)) result.Add("chart " + Canonical(plotly.GetRawText()));
            else if (html.Contains("class=\"mallard-plot\"", StringComparison.Ordinal)) result.Add("chart " + Canonical(FigureIn(html)));
            else if (html.Contains("class=\"mallard-table\"", StringComparison.Ordinal)) result.Add("table " + plain);
            else if (html.Contains("class=\"mallard-kpis\"", StringComparison.Ordinal)) result.Add("kpis " + plain);
            else if (data.TryGetProperty("text/markdown", out var markdown)) result.Add("markdown " + ExecutedNotebook.Join(markdown));
        }
        return result;
    }

    /// <summary>The figure a chart's HTML form draws: the JSON between <c>var fig=</c> and the function that draws it.</summary>
    private static string FigureIn(string html)
    {
        const string start = "var fig=", end = ";function draw(){";
        var from = html.IndexOf(start, StringComparison.Ordinal);
        var to = html.IndexOf(end, from + 1, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "A chart's HTML holds no figure.");
        return html[(from + start.Length)..to];
    }

    /// <summary>The JSON with its object keys sorted (nbformat writes JSON outputs sorted; the HTML form keeps their order).</summary>
    private static string Canonical(string json) => Sorted(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
