using System.Text.Json.Nodes;
using Mallard.Engine;

namespace Mallard.Notebooks.Tests;

/// <summary>
/// Cells of a connected SQL kernel in the two forms the runner meets them: as Polyglot Notebooks writes them in an .ipynb (the
/// kernel in the cell's metadata, the text without its magic line) and as mallard convert writes a .dib's cell (the kernel's
/// magic line first). <c>#!time</c>, which Polyglot takes in any kernel's cell, times the SQL in both.
/// </summary>
public sealed class PolyglotKernelCellTests
{
    private static NotebookRunOptions Options() => new()
    {
        Session = new SessionOptions { CSharp = Mallard.Engine.Scripting.CSharpScripting.Language },
    };

    private static NotebookCell Cell(string kernel, string source)
    {
        var cell = NotebookCell.Code(source);
        cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel };
        cell.Metadata["dotnet_interactive"] = new JsonObject { ["language"] = kernel };
        return cell;
    }

    private static async Task<NotebookCell> RunLast(params NotebookCell[] cells)
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(Cell("csharp", "#!connect duckdb --kernel-name db \"Data Source=:memory:\""));
        notebook.Cells.AddRange(cells);
        var result = await new NotebookRunner(Options()).RunAsync(notebook);
        Assert.True(result.Succeeded, result.DescribeFailures());
        return result.Notebook.Cells[^1];
    }

    private static string Stdout(NotebookCell cell) =>
        string.Concat(cell.Outputs.OfType<StreamOutput>().Where(s => s.Name == "stdout").Select(s => s.Text));

    private static string Result(NotebookCell cell) => cell.Outputs.OfType<ExecuteResultOutput>().Single().GetText("text/plain")!;

    [Theory]
    // #!time on the first line of a SQL kernel's cell times its SQL...
    [InlineData("#!time\nSELECT 42 AS answer")]
    [InlineData("#!db\n#!time\nSELECT 42 AS answer")]
    // ...and #!time and #!set may come in either order before the SQL.
    [InlineData("#!time\n#!set --name answer --value 42\nSELECT @answer AS answer")]
    [InlineData("#!set --name answer --value 42\n#!time\nSELECT @answer AS answer")]
    public async Task Time_before_a_sql_kernels_sql_times_it_alone_or_with_set_lines(string source)
    {
        var cell = await RunLast(Cell("db", source));

        Assert.Contains("42", Result(cell), StringComparison.Ordinal);
        Assert.StartsWith("Wall time: ", Stdout(cell), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timed_sql_cell_that_fails_still_reports_its_time_and_its_error_names_the_sql_line()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(Cell("csharp", "#!connect duckdb --kernel-name db \"Data Source=:memory:\""));
        notebook.Cells.Add(Cell("db", "#!time\nSELECT * FROM no_such_table"));

        var result = await new NotebookRunner(Options() with { AllowErrors = true }).RunAsync(notebook);

        var cell = result.Notebook.Cells[^1];
        Assert.StartsWith("Wall time: ", Stdout(cell), StringComparison.Ordinal);
        var error = Assert.Single(result.Failures).Error;
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }
}
