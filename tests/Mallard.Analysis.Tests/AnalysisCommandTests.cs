namespace Mallard.Analysis.Tests;

/// <summary><c>mallard analysis</c>, the README's first command.</summary>
[Collection(AnalysisCollection.Name)]
public sealed class AnalysisCommandTests(AnalysisFixture fixture)
{
    [Fact]
    public void Analysis_builds_a_missing_warehouse_runs_the_customer_report_and_says_where_it_wrote_it()
    {
        var warehouse = Path.Combine(fixture.Root, "fresh", "mallard.duckdb");
        var reports = Path.Combine(fixture.Root, "fresh-reports");
        Assert.False(File.Exists(warehouse));
        var (code, stdout, stderr) = fixture.Mallard(warehouse, "analysis", "--output-dir", reports);
        Assert.True(code == 0, stdout + stderr);
        Assert.True(File.Exists(warehouse), "The warehouse was not built.");
        Assert.Contains("building the sample warehouse", stdout, StringComparison.Ordinal);
        var notebook = Path.Combine(reports, "customer_intelligence.ipynb");
        var html = Path.Combine(reports, "customer_intelligence.html");
        Assert.Contains("Executed notebook: " + notebook, stdout, StringComparison.Ordinal);
        Assert.Contains("HTML report:       " + html, stdout, StringComparison.Ordinal);
        Assert.Empty(ExecutedNotebook.Read(notebook).Errors);
        Assert.Equal("4.5", fixture.Validate(notebook));
        Assert.Contains("Customer Intelligence Report", File.ReadAllText(html), StringComparison.Ordinal);

        // A second run finds the warehouse and does not build it again.
        var before = File.GetLastWriteTimeUtc(warehouse);
        var again = fixture.Mallard(warehouse, "analysis", "--output-dir", reports);
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.DoesNotContain("building", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.GetLastWriteTimeUtc(warehouse));
    }

    [Fact]
    public void Analysis_of_an_unknown_notebook_names_the_shipped_ones()
    {
        var (code, _, stderr) = fixture.Mallard(Path.Combine(fixture.Root, "unused.duckdb"), "analysis", "no_such_notebook");
        Assert.Equal(2, code);
        Assert.Contains("no notebook 'no_such_notebook'", stderr, StringComparison.Ordinal);
        Assert.Contains("customer_intelligence, segmentation_pack, sql_exploration", stderr, StringComparison.Ordinal);
    }
}
