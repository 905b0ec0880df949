using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mallard.Interop.Tests;

/// <summary>
/// A notebook saved by Polyglot Notebooks names each cell's kernel in the cell's metadata, not in its text: its SQL cells
/// have no <c>#!</c> line. The Mallard kernel runs them as they are when the front end tells it the cell, as JupyterLab
/// does (the cell's id with each request and the notebook's path in <c>JPY_SESSION_NAME</c>), or sends the cell's metadata.
/// </summary>
public sealed class PolyglotIpynbTests : IClassFixture<JupyterEnvironment>
{
    private readonly JupyterEnvironment _jupyter;

    public PolyglotIpynbTests(JupyterEnvironment jupyter)
    {
        _jupyter = jupyter;
    }

    [Fact]
    public void Jupyterlab_runs_a_polyglot_written_notebook_whose_sql_cells_have_no_magic()
    {
        var notebook = WriteNotebook("lab");
        var cells = Run(notebook, "cell-id", sessionName: Path.GetFileName(notebook));
        AssertRanAsPolyglotSaidItWould(cells);
    }

    [Fact]
    public void A_front_end_that_sends_each_cells_metadata_runs_it_as_polyglot_would()
    {
        var notebook = WriteNotebook("metadata");
        var cells = Run(notebook, "cell-metadata", sessionName: null);
        AssertRanAsPolyglotSaidItWould(cells);
    }

    [Fact]
    public void Without_the_notebooks_name_a_sql_cell_without_magic_is_csharp_and_fails_as_such()
    {
        // The lookup is what makes the other tests pass: the same requests without JPY_SESSION_NAME run the SQL as C#.
        var notebook = WriteNotebook("nameless");
        var cells = Run(notebook, "cell-id", sessionName: null);
        Assert.Equal("error", cells["count"].Status);
        Assert.Equal("ok", cells["connect"].Status);
    }

    private static void AssertRanAsPolyglotSaidItWould(Dictionary<string, CellResult> cells)
    {
        foreach (var (id, cell) in cells) Assert.True(cell.Status == "ok", $"cell {id} failed: {string.Join(" | ", cell.Outputs.Select(o => o.Text))}");
        // The DuckDB connection's cells: kernel "wh", as Polyglot's DuckDB connector names it, and "sql-wh" under the older metadata key.
        Assert.Contains(cells["count"].Outputs, o => o.Html.Contains("class=\"mallard-table\"", StringComparison.Ordinal) && o.Text.Contains("3", StringComparison.Ordinal) && o.Text.Contains("60", StringComparison.Ordinal));
        Assert.Contains(cells["older"].Outputs, o => o.Text.Contains("north", StringComparison.Ordinal) && !o.Text.Contains("south", StringComparison.Ordinal));
        // The warehouse's own SQL kernel ("sql"), and C# cells as C#.
        Assert.Contains(cells["warehouse"].Outputs, o => o.Text.Contains("duck", StringComparison.Ordinal));
        Assert.Contains(cells["csharp"].Outputs, o => o.Type == "execute_result" && o.Text.Trim() == "42");
    }

    private string WriteNotebook(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_jupyter.Root, "polyglot-" + name)).FullName;
        var database = Path.Combine(folder, "shop.duckdb");
        using (var db = Mallard.DuckDb.DuckDbDatabase.Open(database))
        using (var connection = db.Connect())
            connection.Execute("CREATE TABLE sales AS SELECT * FROM (VALUES ('north', 10), ('south', 20), ('east', 30)) t(region, amount)");

        static JsonObject Cell(string id, string kernel, string source, bool olderKey = false) => new()
        {
            ["cell_type"] = "code",
            ["id"] = id,
            ["metadata"] = olderKey
                ? new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = kernel } }
                : new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel } },
            ["execution_count"] = null,
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        };
        var document = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp", ["languageName"] = "csharp" }, new JsonObject { ["name"] = "wh", ["languageName"] = "SQL" }),
                    },
                },
            },
            ["cells"] = new JsonArray(
                Cell("connect", "csharp", $"#r \"nuget: Microsoft.DotNet.Interactive.DuckDB, *-*\"\n#!connect duckdb --kernel-name wh \"Data Source={database};Read Only=true\""),
                Cell("count", "wh", "SELECT count(*) AS regions, sum(amount) AS total FROM sales"),
                Cell("older", "sql-wh", "SELECT region FROM sales WHERE amount < 15", olderKey: true),
                Cell("warehouse", "sql", "SELECT 'duck' AS bird"),
                Cell("csharp", "csharp", "6 * 7")),
        };
        var path = Path.Combine(folder, name + ".ipynb");
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    private Dictionary<string, CellResult> Run(string notebook, string send, string? sessionName)
    {
        _jupyter.RequireModules("jupyter_client", "nbformat");
        var results = Path.ChangeExtension(notebook, ".results.json");
        var args = new List<string> { JupyterEnvironment.Script("polyglot_cells.py"), JupyterEnvironment.KernelName, notebook, results, "--send", send };
        if (sessionName is not null) args.AddRange(["--session-name", sessionName]);
        var (code, stdout, stderr) = _jupyter.Run(JupyterEnvironment.Python, TimeSpan.FromMinutes(4), [.. args]);
        Assert.True(code == 0, $"{stdout}\n{stderr}\nkernel log:\n{_jupyter.Log}");
        using var document = JsonDocument.Parse(File.ReadAllText(results));
        return document.RootElement.EnumerateArray().ToDictionary(
            c => c.GetProperty("id").GetString()!,
            c => new CellResult(c.GetProperty("status").GetString()!, [.. c.GetProperty("outputs").EnumerateArray().Select(o =>
                new CellOutput(o.GetProperty("type").GetString()!, o.GetProperty("text").GetString()!, o.GetProperty("html").GetString()!))]));
    }

    private sealed record CellResult(string Status, IReadOnlyList<CellOutput> Outputs);

    private sealed record CellOutput(string Type, string Text, string Html);
}
