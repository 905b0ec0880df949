namespace Mallard.Engine.Tests;

public sealed class ErrorTests
{
    [Fact]
    public async Task A_compile_error_gives_line_and_column_in_the_cells_own_numbering()
    {
        using var session = Sessions.New();
        var (outcome, _) = await session.Run("#!time\nvar a = 1;\nvar b = a + missingName;");
        var error = outcome.Error!;
        Assert.Equal(CellErrorKind.Compilation, error.Kind);
        Assert.Equal("CompilationError", error.Name);
        Assert.Equal(3, error.Line);
        Assert.Equal(13, error.Column);
        Assert.StartsWith("(3,13): error CS0103: The name 'missingName' does not exist", error.Message);
        Assert.Contains("  line 3 | var b = a + missingName;", error.Traceback);
    }

    [Fact]
    public async Task A_runtime_exception_shows_the_users_frames_first_and_trims_the_engines()
    {
        using var session = Sessions.New();
        await session.RunOk("int Divide(int x, int y) => x / y;");
        var (outcome, _) = await session.Run("var zero = 0;\nDivide(1, zero)");
        var error = outcome.Error!;
        Assert.Equal(CellErrorKind.Runtime, error.Kind);
        Assert.Equal("DivideByZeroException", error.Name);
        Assert.Equal("System.DivideByZeroException: Attempted to divide by zero.", error.Traceback[0]);
        Assert.Contains("Divide(Int32 x, Int32 y)", error.Traceback[1]);
        Assert.DoesNotContain(error.Traceback, l => l.Contains("Mallard.Engine", StringComparison.Ordinal) || l.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.Contains(error.Traceback, l => l.Contains("<cell>", StringComparison.Ordinal) && l.Contains("line 2", StringComparison.Ordinal));
    }

    /// <summary>
    /// Cells that declare nothing are loaded without their symbols (writing them is a fifth of a new cell's time); a failure
    /// still shows the cell's own lines, through a lambda, across awaits, and under a magic.
    /// </summary>
    [Theory]
    [InlineData("var x = 0;", "\n1 / int.Parse(\"0\")", "DivideByZeroException", new[] { 2 })]
    [InlineData("var x = 0;", "new[] { 2, 1, 0 }\n  .Select(n => 10 / n)\n  .ToList()", "DivideByZeroException", new[] { 2, 1 })]
    [InlineData("var x = 0;", "await Task.Yield();\nawait Task.Run(async () =>\n{\n    await Task.Yield();\n    throw new InvalidOperationException(\"late\");\n});", "InvalidOperationException", new[] { 5, 2 })]
    [InlineData("var x = 0;", "#!csharp\n\n((string)null!).Length", "NullReferenceException", new[] { 3 })]
    public async Task A_failure_in_a_cell_that_declares_nothing_shows_the_cells_lines(string before, string cell, string name, int[] lines)
    {
        using var session = Sessions.New();
        await session.RunOk(before);
        var (outcome, _) = await session.Run(cell);
        var error = outcome.Error!;
        Assert.Equal(name, error.Name);
        var located = error.Traceback.Where(l => l.Contains("in cell: line ", StringComparison.Ordinal)).ToList();
        Assert.Equal([.. lines.Select(l => "in cell: line " + l)], located.Select(l => l[l.IndexOf("in cell: line ", StringComparison.Ordinal)..]));
        // The session goes on, and the same cell fails the same way when its code is kept to run again (with its symbols).
        for (var run = 0; run < 3; run++)
        {
            var (again, _) = await session.Run(cell);
            Assert.Equal(located, again.Error!.Traceback.Where(l => l.Contains("in cell: line ", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task State_survives_compile_and_runtime_errors()
    {
        using var session = Sessions.New();
        await session.RunOk("var total = 10;");
        await session.Run("total = ;");
        await session.Run("var partial = 5; throw new InvalidOperationException(\"boom\");");
        var output = await session.RunOk("total + partial");
        Assert.Equal("15", output.Results.Single().Text().Trim());
    }

    [Fact]
    public async Task A_sql_error_keeps_duckdbs_help_and_names_its_class_once()
    {
        using var session = Sessions.New();
        await session.RunOk("#!sql\nCREATE TABLE customers AS SELECT 1 AS lifetime_value");

        var (outcome, _) = await session.Run("#!sql\nSELECT lifetime_valu FROM customers");

        var error = outcome.Error!;
        Assert.Equal("BinderError", error.Name);
        Assert.Equal("BinderError: Referenced column \"lifetime_valu\" not found in FROM clause!", error.Traceback[0]);
        Assert.Contains("Candidate bindings: \"lifetime_value\"", error.Traceback);
        Assert.Contains("Candidate bindings", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Traceback, l => l.Contains("Binder Error:", StringComparison.Ordinal));
        Assert.Equal((2, 8), (error.Line, error.Column));
        Assert.Contains("  line 2 | SELECT lifetime_valu FROM customers", error.Traceback);
    }

    [Fact]
    public async Task A_query_error_inside_csharp_keeps_duckdbs_message()
    {
        using var session = Sessions.New();
        var (outcome, _) = await session.Run("var con = connect(read_only: false, path: \":memory:\");\nquery_df(con, \"SELECT * FROM nowhere_table\")");
        Assert.Equal(CellErrorKind.Sql, outcome.Error!.Kind);
        Assert.Contains("nowhere_table", outcome.Error.Message);
    }
}

public sealed class HelperTests
{
    [Fact]
    public async Task Query_df_binds_an_anonymous_objects_properties_by_name()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("var con = connect(read_only: false, path: \":memory:\");\nquery_df(con, \"SELECT $a + $b AS total\", new { a = 40, b = 2 }).GetColumn<Mallard.Data.PrimitiveColumn<int>>(\"total\")[0]");
        Assert.Equal("42", output.Results.Single().Text().Trim());
    }

    [Fact]
    public async Task Kpi_cards_read_hugeint_sums()
    {
        using var session = Sessions.New();
        await session.RunOk("#!sql --name totals --quiet\nSELECT sum(range) AS total FROM range(10)");
        var output = await session.RunOk("KpiCard.FromFrame(totals, \"total\", \"Total\")");
        Assert.Contains("45", output.Results.Single().Text());
    }

    [Fact]
    public async Task Connections_lists_the_default_connection_before_any_query()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("#!connections");
        Assert.Contains("memory", output.Shown.Single().Text());
    }
}
