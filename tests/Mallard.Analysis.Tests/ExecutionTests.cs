using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mallard.Analysis.Tests;

/// <summary>Every shipped notebook runs, through the runner and through nbclient on the installed kernel, at two scales.</summary>
[Collection(AnalysisCollection.Name)]
public sealed class ExecutionTests(AnalysisFixture fixture)
{
    public static TheoryData<string, long> Runs => AnalysisFixture.NotebooksAndScales;

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_shipped_notebook_runs_without_error_through_mallard_run(string notebook, long scale)
    {
        var run = fixture.RunWithRunner(notebook, scale);
        var executed = run.Executed();
        Assert.Empty(executed.Errors);
        Assert.All(executed.CodeCells, c => Assert.Equal(JsonValueKind.Number, c.GetProperty("execution_count").ValueKind));
        Assert.NotEmpty(executed.Outputs);
        Assert.Equal("4.5", fixture.Validate(run.ExecutedPath));
        Assert.True(run.HtmlPath is not null && File.Exists(run.HtmlPath), run.Log);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_shipped_notebook_runs_without_error_through_nbclient_on_the_installed_kernel(string notebook, long scale)
    {
        var run = fixture.RunWithNbclient(notebook, scale);
        var executed = run.Executed();
        Assert.Empty(executed.Errors);
        Assert.All(executed.CodeCells, c => Assert.Equal(JsonValueKind.Number, c.GetProperty("execution_count").ValueKind));
        Assert.Equal("4.5", fixture.Validate(run.ExecutedPath));
        // The kernel shows the same charts the runner records.
        Assert.Equal(fixture.RunWithRunner(notebook, scale).Executed().PlotCount, executed.PlotCount);
    }

    [Theory]
    [InlineData("customer_intelligence", true)]
    [InlineData("segmentation_pack", true)]
    [InlineData("sql_exploration", false)]
    public void A_shipped_notebook_is_saved_for_the_Mallard_kernel_without_outputs(string notebook, bool hasParameters)
    {
        var path = fixture.Notebook(notebook);
        Assert.Equal("4.5", fixture.Validate(path));
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("mallard", (string?)json["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("csharp", (string?)json["metadata"]!["kernelspec"]!["language"]);
        var cells = json["cells"]!.AsArray();
        foreach (var cell in cells.Where(c => (string?)c!["cell_type"] == "code"))
        {
            Assert.Empty(cell!["outputs"]!.AsArray());
            Assert.Null(cell["execution_count"]);
        }
        var tagged = cells.Count(c => c!["metadata"]?["tags"]?.AsArray().Any(t => (string?)t == "parameters") == true);
        Assert.Equal(hasParameters ? 1 : 0, tagged);
        var sources = string.Join("\n", cells.Select(c => c!["source"] is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)c!["source"]));
        if (sources.Contains("#load", StringComparison.Ordinal))
        {
            Assert.Contains("#load \"../helpers/helpers.csx\"", sources, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(fixture.RepositoryRoot, "helpers", "helpers.csx")));
        }
    }
}
