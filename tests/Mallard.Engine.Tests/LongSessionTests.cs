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

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact]
    public async Task A_long_session_leaves_no_growth_in_handles_and_keeps_a_bounded_compilation_per_csharp_cell()
    {
        using var session = Sessions.New();
        await session.RunOk("var acc = 0L;");
        for (var i = 0; i < 20; i++) await RunMixedRound(session, i);
        var fds = FileDescriptors();
        var start = SettledMemory();

        // 600 SQL cells: queries, frames stored and re-read by name, errors. These must add nothing.
        for (var i = 0; i < 200; i++) await RunSqlRound(session, i);
        var afterSql = SettledMemory();

        // 800 mixed cells, in two halves: each C# cell is a submission whose compilation Roslyn scripting keeps for
        // the session, so a C# cell may keep a bounded amount, and the second half must cost no more than the first
        // (what a cell keeps must not grow with the length of the chain).
        for (var i = 0; i < 100; i++) await RunMixedRound(session, i);
        var afterFirstHalf = SettledMemory();
        for (var i = 100; i < 200; i++) await RunMixedRound(session, i);
        var afterSecondHalf = SettledMemory();

        var fdGrowth = FileDescriptors() - fds;
        Assert.True(fdGrowth <= 2, $"File descriptors grew by {fdGrowth}.");
        var sqlGrowth = afterSql - start;
        Assert.True(sqlGrowth < 2L * 1024 * 1024, $"600 SQL cells grew managed memory by {sqlGrowth / 1024} KiB.");
        var perCellFirst = (afterFirstHalf - afterSql) / 100;
        var perCellSecond = (afterSecondHalf - afterFirstHalf) / 100;
        Assert.True(perCellFirst < 128 * 1024 && perCellSecond < 128 * 1024, $"Each C# cell kept {perCellFirst / 1024} KiB, then {perCellSecond / 1024} KiB.");
        Assert.True(perCellSecond < perCellFirst * 13 / 10 + 8 * 1024, $"What a C# cell keeps grew with the chain: {perCellFirst / 1024} KiB per cell, then {perCellSecond / 1024} KiB.");
        var total = await session.RunOk("acc");
        Assert.Equal((Enumerable.Range(0, 20).Sum() + Enumerable.Range(0, 200).Sum()).ToString(System.Globalization.CultureInfo.InvariantCulture), total.Results.Single().Text().Trim());
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
