using System.Diagnostics;

namespace Mallard.Engine.Tests;

public sealed class CancellationTests
{
    private const string LongQuery = "#!sql\nSELECT count(*) FROM range(10000000000) a WHERE a.range % 7 = 3";

    /// <summary>
    /// Runs <paramref name="code"/>, interrupts it once <paramref name="running"/> says the part to stop is under way (the
    /// cell's "started" line or a query's first progress update), and returns the outcome and how long stopping took.
    /// </summary>
    private static async Task<(CellOutcome Outcome, TimeSpan AfterInterrupt)> InterruptWhen(Session session, string code, RecordingOutput output, Func<RecordingOutput, Task> running)
    {
        var cell = session.ExecuteAsync(code, output);
        if (await Task.WhenAny(running(output), cell).WaitAsync(TimeSpan.FromSeconds(60)) == cell)
        {
            var early = await cell;
            Assert.Fail($"The cell finished before it could be interrupted: {early.Status} {early.Error?.Name}: {string.Join("\n", early.Error?.Traceback ?? [])}");
        }
        var stopwatch = Stopwatch.StartNew();
        session.Interrupt();
        var outcome = await cell.WaitAsync(TimeSpan.FromSeconds(30));
        return (outcome, stopwatch.Elapsed);
    }

    [Fact]
    public async Task Interrupting_a_running_query_ends_the_cell_as_interrupted_and_the_session_goes_on()
    {
        using var session = Sessions.New();
        await session.RunOk("var before = 1;");
        var output = new RecordingOutput();
        var (outcome, took) = await InterruptWhen(session, LongQuery, output, o => o.Progressed);
        Assert.Equal(CellStatus.Cancelled, outcome.Status);
        Assert.Equal(CellErrorKind.Interrupted, outcome.Error!.Kind);
        Assert.Equal("Interrupted", outcome.Error.Name);
        Assert.True(took < TimeSpan.FromSeconds(5), $"The interrupt took {took}.");
        var after = await session.RunOk("#!sql\nSELECT $before + 1 AS two");
        Assert.Contains("2", after.Results.Single().Text());
    }

    [Fact]
    public async Task A_long_query_reports_progress_and_a_final_done_update()
    {
        using var session = Sessions.New();
        var output = new RecordingOutput();
        await InterruptWhen(session, LongQuery, output, o => o.Progressed);
        Assert.NotEmpty(output.Progress);
        Assert.All(output.Progress, p => Assert.Equal(output.Progress[0].Id, p.Id));
        Assert.True(output.Progress[^1].Done);
        Assert.Contains("SELECT count(*)", output.Progress[0].Label);
        var quick = await session.RunOk("#!sql\nSELECT 1");
        Assert.Empty(quick.Progress);
    }

    [Fact]
    public async Task Cooperative_csharp_observes_the_cancellation_token()
    {
        using var session = Sessions.New();
        var output = new RecordingOutput();
        var (outcome, took) = await InterruptWhen(session, "Console.WriteLine(\"started\");\nwhile (true) { CancellationToken.ThrowIfCancellationRequested(); Thread.Sleep(5); }", output, o => o.Started);
        Assert.Equal(CellStatus.Cancelled, outcome.Status);
        Assert.True(took < TimeSpan.FromSeconds(5));
        var after = await session.RunOk("40 + 2");
        Assert.Equal("42", after.Results.Single().Text().Trim());
    }

    [Fact]
    public async Task A_query_run_from_csharp_is_interrupted_too()
    {
        using var session = Sessions.New();
        var output = new RecordingOutput();
        var (outcome, _) = await InterruptWhen(
            session, "var con = connect(read_only: false, path: \":memory:\");\nConsole.WriteLine(\"started\");\nquery_df(con, \"SELECT count(*) FROM range(10000000000) a WHERE a.range % 7 = 3\")", output, o => o.Started);
        Assert.Equal(CellStatus.Cancelled, outcome.Status);
        var after = await session.RunOk("query_df(con, \"SELECT 3 AS x\").RowCount");
        Assert.Equal("1", after.Results.Single().Text().Trim());
    }
}
