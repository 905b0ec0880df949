using System.Text.Json;

namespace Mallard.Interop.Tests;

/// <summary>nbclient and nbconvert run notebooks on the Mallard kernel.</summary>
public sealed class NotebookTests : IClassFixture<JupyterEnvironment>
{
    private readonly JupyterEnvironment _jupyter;

    public NotebookTests(JupyterEnvironment jupyter)
    {
        _jupyter = jupyter;
    }

    [Fact]
    public void Nbclient_runs_CSharp_SQL_chart_and_error_cells_and_saves_their_outputs()
    {
        _jupyter.RequireModules("nbclient", "nbformat");
        var notebook = Path.Combine(_jupyter.Root, "executed.ipynb");
        var (code, stdout, stderr) = _jupyter.Run(JupyterEnvironment.Python, TimeSpan.FromMinutes(4),
            JupyterEnvironment.Script("notebook_run.py"), JupyterEnvironment.KernelName, notebook);
        Assert.True(code == 0, $"{stdout}\n{stderr}\nkernel log:\n{_jupyter.Log}");
        using var summary = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        Assert.Equal("csharp", summary.RootElement.GetProperty("language").GetString());
        var cells = summary.RootElement.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

        var csharp = Outputs(cells["csharp"]);
        Assert.Contains(csharp, o => o.Type == "stream" && o.Text.Contains("hello from C#", StringComparison.Ordinal));
        Assert.Contains(csharp, o => o.Type == "execute_result" && o.Mimes.Contains("text/plain") && o.Text.Contains("42", StringComparison.Ordinal));

        var sql = Outputs(cells["sql"]);
        Assert.Contains(sql, o => o.Type is "execute_result" or "display_data" && o.Mimes.Contains("text/html") && o.Mimes.Contains("text/plain"));

        var chart = Outputs(cells["chart"]);
        Assert.Contains(chart, o => o.Mimes.Contains("application/vnd.plotly.v1+json") && o.Mimes.Contains("text/html"));

        var error = Outputs(cells["error"]);
        Assert.Contains(error, o => o.Type == "error" && o.Ename.Contains("InvalidOperation", StringComparison.Ordinal));

        // The cell after the error still ran (the error was expected) and saw the SQL cell's variable.
        Assert.Contains(Outputs(cells["after"]), o => o.Type == "execute_result" && o.Text.Trim() == "3");
        Assert.Equal(5, cells["after"].GetProperty("execution_count").GetInt32());
    }

    [Fact]
    public void Nbconvert_executes_a_notebook_to_HTML_on_the_Mallard_kernel()
    {
        _jupyter.RequireModules("nbconvert");
        var notebook = Path.Combine(_jupyter.Root, "convert.ipynb");
        File.WriteAllText(notebook, JsonSerializer.Serialize(new
        {
            nbformat = 4,
            nbformat_minor = 5,
            metadata = new { kernelspec = new { name = JupyterEnvironment.KernelName, display_name = "Mallard (tests)", language = "csharp" } },
            cells = new object[]
            {
                new { cell_type = "code", id = "c1", metadata = new { }, execution_count = (int?)null, outputs = Array.Empty<object>(), source = "var who = \"nbconvert\";\n$\"converted by {who}\"" },
                new { cell_type = "code", id = "c2", metadata = new { }, execution_count = (int?)null, outputs = Array.Empty<object>(), source = "#!sql\nSELECT 'from duckdb' AS origin;" },
            },
        }));
        Assert.True(File.Exists("/usr/bin/jupyter-nbconvert"), "jupyter nbconvert is missing: install jupyter-nbconvert.");
        var (code, stdout, stderr) = _jupyter.Run("/usr/bin/jupyter", TimeSpan.FromMinutes(4),
            "nbconvert", "--to", "html", "--execute", "--ExecutePreprocessor.timeout=120", notebook);
        Assert.True(code == 0, $"{stdout}\n{stderr}\nkernel log:\n{_jupyter.Log}");
        var html = File.ReadAllText(Path.ChangeExtension(notebook, ".html"));
        Assert.Contains("converted by nbconvert", html);
        Assert.Contains("from duckdb", html);
    }

    private sealed record Output(string Type, string[] Mimes, string Text, string Ename);

    private static List<Output> Outputs(JsonElement cell) =>
        [.. cell.GetProperty("outputs").EnumerateArray().Select(o => new Output(
            o.GetProperty("type").GetString()!,
            [.. o.GetProperty("mimes").EnumerateArray().Select(m => m.GetString()!)],
            o.GetProperty("text").GetString() ?? "",
            o.GetProperty("ename").ValueKind == JsonValueKind.String ? o.GetProperty("ename").GetString()! : ""))];
}
