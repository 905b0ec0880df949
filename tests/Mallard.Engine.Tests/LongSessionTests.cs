using System.Diagnostics;

namespace Mallard.Engine.Tests;

/// <summary>Runs alone: it measures process-wide file descriptors and memory, which other tests would disturb.</summary>
[CollectionDefinition(nameof(LongSessionTests), DisableParallelization = true)]
public sealed class LongSessionCollection;

[Collection(nameof(LongSessionTests))]
public sealed class LongSessionTests
{
    private static long FileDescriptors() =>
        Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : Process.GetCurrentProcess().HandleCount;

    [Fact]
    public async Task A_long_session_grows_only_by_what_its_cells_declare()
    {
        using var session = Sessions.New();
        await session.RunOk("var acc = 0L;");
        for (var i = 0; i < 20; i++) await RunMixedRound(session, i);
        for (var i = 0; i < 5; i++) await RunRerunRound(session, i);
        var fds = FileDescriptors();
        var start = Heap.SettledBytes();

        // 600 SQL cells: queries, frames stored and re-read by name, errors. These must add nothing.
        for (var i = 0; i < 200; i++) await RunSqlRound(session, i);
        var afterSql = Heap.SettledBytes();
        var assemblies = AppDomain.CurrentDomain.GetAssemblies().Length;

        // 800 mixed cells: C# cells that assign and print but declare nothing, among SQL cells. They run against
        // the chain of submissions without joining it, so they must add nothing either.
        for (var i = 0; i < 200; i++) await RunMixedRound(session, i);
        Heap.Settle();
        var assembliesAfterMixed = AppDomain.CurrentDomain.GetAssemblies().Length;
        var afterMixed = Heap.SettledBytes();

        // 400 cells run again and again, as a notebook's cells are: each declares a 1 MB array, a frame from SQL
        // and a method. Declarations of names already declared with the same type become assignments, so the old
        // values are released; the method is declared anew each time, which keeps a compilation per run.
        for (var i = 0; i < 100; i++) await RunRerunRound(session, i);
        var afterReruns = Heap.SettledBytes();

        // 100 cells each declaring a new variable: each keeps its compilation (later cells bind against it), a
        // bounded amount that must not grow with the length of the chain.
        for (var i = 0; i < 50; i++) await session.RunOk($"var fresh{i} = {i};");
        var afterFirstFresh = Heap.SettledBytes();
        for (var i = 50; i < 100; i++) await session.RunOk($"var fresh{i} = {i};");
        var afterSecondFresh = Heap.SettledBytes();

        var fdGrowth = FileDescriptors() - fds;
        Assert.True(fdGrowth <= 2, $"File descriptors grew by {fdGrowth}.");
        var sqlGrowth = afterSql - start;
        Assert.True(sqlGrowth < 2L * 1024 * 1024, $"600 SQL cells grew managed memory by {sqlGrowth / 1024} KiB.");
        Assert.True(assembliesAfterMixed - assemblies <= Scripting.DetachedSubmission.CellsPerContext,
            $"800 cells that declare nothing left {assembliesAfterMixed - assemblies} assemblies loaded.");
        var mixedGrowth = afterMixed - afterSql;
        Assert.True(mixedGrowth < 1024L * 1024, $"800 cells that declare nothing grew managed memory by {mixedGrowth / 1024} KiB.");
        // Without the assignments the arrays alone would keep 100 MB.
        var rerunGrowth = afterReruns - afterMixed;
        Assert.True(rerunGrowth < 100L * 128 * 1024, $"400 cells run again grew managed memory by {rerunGrowth / 1024} KiB.");
        var perCellFirst = (afterFirstFresh - afterReruns) / 50;
        var perCellSecond = (afterSecondFresh - afterFirstFresh) / 50;
        Assert.True(perCellFirst < 128 * 1024 && perCellSecond < 128 * 1024, $"Each declaring cell kept {perCellFirst / 1024} KiB, then {perCellSecond / 1024} KiB.");
        Assert.True(perCellSecond < perCellFirst * 13 / 10 + 8 * 1024, $"What a declaring cell keeps grew with the chain: {perCellFirst / 1024} KiB per cell, then {perCellSecond / 1024} KiB.");

        var total = await session.RunOk("acc");
        Assert.Equal((Enumerable.Range(0, 20).Sum() + Enumerable.Range(0, 200).Sum()).ToString(System.Globalization.CultureInfo.InvariantCulture), total.Results.Single().Text().Trim());
        var last = await session.RunOk("Check() + \" \" + recent.RowCount + \" \" + fresh99");
        Assert.Equal("99 3 99", last.Results.Single().Text().Trim().Trim('"'));
    }

    [Theory]
    // Alone in its collection: it counts the process's loaded assemblies, which other tests would add to.
    [InlineData("n += {0};\nConsole.WriteLine(n);")]
    // A cell with a loop is compiled with interrupt checks: that rewrite is compiled once, by the run, and unloaded like any
    // cell's (checking it first with Roslyn's Script.Compile() loaded every such cell for good).
    [InlineData("for (var k = 0; k < {0}; k++) n += 1;\nwhile (n < 0) {{ }}")]
    public async Task The_code_of_cells_that_declare_nothing_is_unloaded_once_nothing_uses_it(string cell)
    {
        using var session = Sessions.New();
        await session.RunOk("var n = 0;");
        await session.RunOk("n += 1;");
        Heap.Settle();
        var before = AppDomain.CurrentDomain.GetAssemblies().Length;
        for (var i = 0; i < 100; i++) await session.RunOk(string.Format(System.Globalization.CultureInfo.InvariantCulture, cell, i));
        Heap.Settle();
        // Cells share a load context, which is unloaded once it is full: at most one unfilled context stays.
        var growth = AppDomain.CurrentDomain.GetAssemblies().Length - before;
        Assert.True(growth <= Scripting.DetachedSubmission.CellsPerContext, $"100 cells that declare nothing left {growth} assemblies loaded.");
        Assert.Equal("4951", (await session.RunOk("n")).Results.Single().Text().Trim());
    }

    private static async Task RunRerunRound(Session session, int i)
    {
        await session.RunOk("var buffer = new byte[1_000_000];\nbuffer[0] = " + (i % 100) + ";");
        await session.RunOk("#!sql --name recent --quiet\nSELECT * FROM range(3)");
        await session.RunOk("int Check() => buffer[0];");
        await session.RunOk("Console.WriteLine(Check());");
    }

    private static async Task RunSqlRound(Session session, int i)
    {
        await session.RunOk("#!sql --name last --quiet\nSELECT " + i + " AS i, repeat('x', 10) AS pad FROM range(100)");
        await session.RunOk("#!sql\nSELECT sum(i) FROM last");
        await session.Run("#!sql\nSELECT * FROM missing_" + i);
    }

    private static async Task RunMixedRound(Session session, int i)
    {
        await session.RunOk("acc += " + i + ";");
        await RunSqlRound(session, i);
    }
}
