using System.Runtime.CompilerServices;

namespace Mallard.Engine.Tests;

/// <summary>
/// How cells join the session's chain of submissions: a cell run again assigns the variables it declared before,
/// and a cell that declares nothing leaves nothing behind, while everything a cell does declare persists.
/// </summary>
public sealed class CellChainTests
{
    [Fact]
    public async Task A_declaration_run_again_assigns_the_variable_so_earlier_code_sees_the_new_value()
    {
        using var session = Sessions.New();
        await session.RunOk("var n = 1;");
        await session.RunOk("int Get() => n;");
        await session.RunOk("var n = 2;");
        Assert.Equal("2", (await session.RunOk("Get()")).Results.Single().Text().Trim());
        Assert.Single(session.Variables, v => v.Name == "n");

        // Several declarators in one statement, with an explicit type.
        await session.RunOk("int a = 1, b = 2;");
        await session.RunOk("int a = 10, b = 20;");
        Assert.Equal("32", (await session.RunOk("a + b + Get()")).Results.Single().Text().Trim());
    }

    [Fact]
    public async Task A_declaration_with_another_type_is_a_new_variable_and_earlier_code_keeps_the_old_one()
    {
        using var session = Sessions.New();
        await session.RunOk("var n = 41;");
        await session.RunOk("int Next() => n + 1;");
        await session.RunOk("var n = \"forty-two\";");
        Assert.Equal("9", (await session.RunOk("n.Length")).Results.Single().Text().Trim());
        Assert.Equal("42", (await session.RunOk("Next()")).Results.Single().Text().Trim());
        var variable = Assert.Single(session.Variables, v => v.Name == "n");
        Assert.Equal("forty-two", variable.Value);
    }

    [Fact]
    public async Task A_declaration_run_again_releases_the_old_value()
    {
        using var session = Sessions.New();
        await session.RunOk("var big = new byte[4_000_000];");
        var old = WeakValue(session, "big");
        await session.RunOk("var big = new byte[4_000_000];");
        Heap.Settle();
        Assert.False(old.TryGetTarget(out _), "The value the variable held before the cell ran again is still reachable.");
        Assert.Equal("4000000", (await session.RunOk("big.Length")).Results.Single().Text().Trim());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<object> WeakValue(Session session, string name) =>
        new(session.Variables.Single(v => v.Name == name).Value!);

    [Fact]
    public async Task A_redeclaration_that_does_not_compile_reports_the_cells_own_error()
    {
        using var session = Sessions.New();
        await session.RunOk("var n = 1;");
        var (outcome, _) = await session.Run("var x = 0;\nvar n = missing + 1;");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Contains("missing", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("(2,", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Equal("1", (await session.RunOk("n")).Results.Single().Text().Trim());
    }

    [Fact]
    public async Task What_a_cell_declares_persists_whatever_else_it_does()
    {
        using var session = Sessions.New();
        await session.RunOk("var total = 0;");
        for (var i = 1; i <= 5; i++) await session.RunOk($"total += {i};");
        await session.RunOk("using System.Text.Json;");
        await session.RunOk("int.TryParse(\"7\", out var parsed);");
        await session.RunOk("var (left, right) = (3, 4);");
        await session.RunOk("static int Square(int v) => v * v;");
        await session.RunOk("enum Colour { Red, Green }");
        var output = await session.RunOk("JsonSerializer.Serialize(new[] { total, parsed, Square(left + right), (int)Colour.Green })");
        Assert.Equal("[15,7,49,1]", output.Results.Single().Text().Trim().Trim('"'));
    }

    [Fact]
    public async Task A_cell_that_throws_after_assigning_keeps_the_assignment()
    {
        using var session = Sessions.New();
        await session.RunOk("var count = 1;");
        var (outcome, _) = await session.Run("count = 5;\nthrow new InvalidOperationException(\"boom\");");
        Assert.Equal(CellStatus.Error, outcome.Status);
        var (again, _) = await session.Run("var count = 6;\nthrow new InvalidOperationException(\"boom again\");");
        Assert.Equal(CellStatus.Error, again.Status);
        Assert.Equal("6", (await session.RunOk("count")).Results.Single().Text().Trim());
    }

    [Fact]
    public async Task A_sql_result_stored_again_under_the_same_name_is_one_variable_with_the_new_rows()
    {
        using var session = Sessions.New();
        await session.RunOk("#!sql --name t --quiet\nSELECT 1 AS i");
        await session.RunOk("var first = t.RowCount;");
        await session.RunOk("#!sql --name t --quiet\nSELECT * FROM range(5) r(i)");
        Assert.Equal("6", (await session.RunOk("first + t.RowCount")).Results.Single().Text().Trim());
        Assert.Single(session.Variables, v => v.Name == "t");
    }

    [Fact]
    public async Task A_cell_that_declares_nothing_runs_and_fails_like_any_other()
    {
        using var session = Sessions.New();
        await session.RunOk("int Divide(int x, int y) => x / y;\nvar zero = 0;\nFunc<int>? later = null;");

        // What it leaves in existing variables (a lambda, an anonymous object) keeps working after it has run.
        await session.RunOk("later = () => Divide(84, 2);\nobject shape = new { Side = 3 };\nConsole.WriteLine(shape);");
        // Enough further cells to fill the load context the lambda's code is in, which is then unloaded when unused.
        for (var i = 0; i <= Scripting.DetachedSubmission.CellsPerContext; i++) await session.RunOk("zero += 0;");
        Heap.Settle();
        Assert.Equal("42", (await session.RunOk("later!()")).Results.Single().Text().Trim());
        Assert.Contains("Side", (await session.RunOk("new { Side = 4 }")).Results.Single().Text());

        var (outcome, _) = await session.Run("Console.WriteLine(\"before\");\nDivide(1, zero)");
        var error = outcome.Error!;
        Assert.Equal(CellErrorKind.Runtime, error.Kind);
        Assert.Equal("DivideByZeroException", error.Name);
        Assert.Contains("Divide(Int32 x, Int32 y)", error.Traceback[1]);
        Assert.DoesNotContain(error.Traceback, l => l.Contains("Mallard.Engine", StringComparison.Ordinal) || l.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.Contains(error.Traceback, l => l.Contains("<cell>", StringComparison.Ordinal) && l.Contains("line 2", StringComparison.Ordinal));

        var (compile, _) = await session.Run("zero +\n  missingName");
        Assert.Equal(CellErrorKind.Compilation, compile.Error!.Kind);
        Assert.Equal(2, compile.Error.Line);
        Assert.StartsWith("(2,3): error CS0103: The name 'missingName' does not exist", compile.Error.Message);
    }

    [Fact]
    public async Task A_cell_may_declare_the_name_a_sql_result_was_stored_under()
    {
        using var session = Sessions.New();
        await session.RunOk("#!sql --name t --quiet\nSELECT 1 AS i");
        await session.RunOk("var t = 5;");
        Assert.Equal("6", (await session.RunOk("t + 1")).Results.Single().Text().Trim());
    }
}
