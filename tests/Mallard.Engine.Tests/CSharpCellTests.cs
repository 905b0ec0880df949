using Mallard.Data;

namespace Mallard.Engine.Tests;

public sealed class CSharpCellTests
{
    [Fact]
    public async Task Variables_methods_and_types_persist_across_cells()
    {
        using var session = Sessions.New();
        await session.RunOk("var x = 20;");
        await session.RunOk("int Twice(int v) => v * 2;\nrecord Point(int X, int Y);");
        var output = await session.RunOk("new Point(Twice(x), 1 + 1)");
        var text = output.Results.Single().Text();
        Assert.Contains("X: 40", text);
        Assert.Contains("Y: 2", text);
    }

    [Fact]
    public async Task A_trailing_expression_is_the_result_and_a_statement_gives_none()
    {
        using var session = Sessions.New();
        var withValue = await session.RunOk("1 + 1");
        Assert.Equal("2", withValue.Results.Single().Text().Trim());
        var statement = await session.RunOk("var y = 1 + 1;");
        Assert.Empty(statement.Results);
    }

    [Fact]
    public async Task Console_output_is_captured_as_streams_of_the_cell_in_order()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("Console.WriteLine(\"out 1\"); Console.Error.WriteLine(\"err 1\"); display(42); Console.Write(\"tail\");");
        Assert.Equal("out 1\ntail", output.Stdout);
        Assert.Equal("err 1\n", output.Stderr);
        var kinds = output.Items.Select(i => i switch
        {
            (OutputStreamKind s, string) => s.ToString(),
            (string k, Mallard.Display.MimeBundle, string) => k,
            _ => "?",
        }).ToList();
        Assert.Equal(["Stdout", "Stderr", "display", "Stdout"], kinds);
    }

    [Fact]
    public async Task Display_shows_mid_cell_and_its_handle_updates_in_place()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("var h = display(\"first\"); h.Update(\"second\");");
        var bundles = output.Bundles.ToList();
        Assert.Equal("display", bundles[0].Kind);
        Assert.Equal("update", bundles[1].Kind);
        Assert.Equal(bundles[0].Id, bundles[1].Id);
        Assert.Contains("second", bundles[1].Bundle.Text());
    }

    [Fact]
    public async Task Console_ReadLine_asks_the_front_end_and_fails_clearly_when_it_cannot()
    {
        using var session = Sessions.New();
        var output = new RecordingOutput().WithInput("Ada");
        var (outcome, _) = await session.Run("var name = Console.ReadLine(); Console.WriteLine(\"hi \" + name);", output);
        Assert.True(outcome.Succeeded);
        Assert.Equal("hi Ada\n", output.Stdout);
        var (failed, _) = await session.Run("Console.ReadLine()");
        Assert.Equal(CellStatus.Error, failed.Status);
        Assert.Contains("input", failed.Error!.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Load_and_r_resolve_relative_to_the_working_directory()
    {
        var directory = TestDirectories.Create("mallard-load-");
        File.WriteAllText(Path.Combine(directory, "lib.csx"), "static int Answer() => 42;\n");
        using var session = Sessions.New(workingDirectory: directory);
        var output = await session.RunOk("#load \"lib.csx\"\nAnswer()");
        Assert.Equal("42", output.Results.Single().Text().Trim());
        var dll = typeof(Frame).Assembly.Location;
        File.Copy(dll, Path.Combine(directory, "copy.dll"));
        await session.RunOk("#r \"copy.dll\"\nvar ok = true;");
    }

    [Fact]
    public async Task Frames_are_displayed_as_bounded_tables()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("Frame.FromRecords(Enumerable.Range(0, 1000).Select(i => new { I = i }))");
        var html = output.Results.Single().Get("text/html");
        Assert.Contains("1,000", html);
    }

    [Fact]
    public async Task A_trailing_display_shows_its_value_once_and_clear_output_reaches_the_front_end()
    {
        using var session = Sessions.New();
        var shown = await session.RunOk("display(42)");
        Assert.Single(shown.Displays);
        Assert.Empty(shown.Results);
        var cleared = await session.RunOk("Console.WriteLine(\"a\"); clear_output(); clear_output(wait: true); Console.WriteLine(\"b\");");
        Assert.Equal(["clear", "clear"], cleared.Bundles.Select(b => b.Kind));
        Assert.Equal([null, "wait"], cleared.Bundles.Select(b => b.Id));
        Assert.Equal("a\nb\n", cleared.Stdout);
    }

    [Fact]
    public async Task Warming_up_runs_nothing_the_session_keeps_and_opens_no_connection()
    {
        using var session = Sessions.New();
        await session.WarmUpAsync();
        Assert.Empty(session.Connections);
        await session.RunOk("var only = 1;");
        var who = (await session.RunOk("#!who")).Shown.Single().Text();
        // The session's one variable is the cell's own: the warm-up's cell declared nothing.
        Assert.Contains("only", who, StringComparison.Ordinal);
        Assert.Contains("1 row", who, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cells_sent_while_the_warm_up_starts_the_compiler_continue_its_chain()
    {
        // A notebook run at once, as a front end does on "run all" right after start-up: the first cells come while the warm-up
        // is compiling the chain's first submission. The first C# cell compiles a first submission of its own beside it (on two
        // cores, sooner than waiting for the warm-up's), and every cell after continues the chain that cell started.
        for (var round = 0; round < 3; round++)
        {
            using var session = Sessions.New();
            var warming = session.WarmUpAsync();
            var cells = Task.Run(async () =>
            {
                await session.RunOk("var a = 2;");
                await session.RunOk("#!sql --name mix\nSELECT 1 AS x, 2 AS y");
                var used = await session.RunOk("mix.RowCount + a");
                Assert.Equal("3", used.Results.Single().Text().Trim());
                var chart = await session.RunOk("Chart.Line(mix, \"x\", \"y\")");
                Assert.Single(chart.Results);
            });
            await Task.WhenAll(warming, cells);
            var who = (await session.RunOk("#!who")).Shown.Single().Text();
            Assert.Contains("mix", who, StringComparison.Ordinal);
            Assert.Contains("2 rows", who, StringComparison.Ordinal);
        }
    }
}
