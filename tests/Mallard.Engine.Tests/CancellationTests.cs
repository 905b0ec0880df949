using System.Diagnostics;

namespace Mallard.Engine.Tests;

public sealed class CancellationTests
{
    private const string LongQuery = "#!sql\nSELECT count(*) FROM range(10000000000) a WHERE a.range % 7 = 3";

    private static async Task<(CellOutcome Outcome, TimeSpan AfterInterrupt)> InterruptAfterStart(Session session, string code, RecordingOutput output)
    {
        var running = session.ExecuteAsync(code, output);
        var wait = Stopwatch.StartNew();
        while (!session.IsBusy && wait.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
        await Task.Delay(700);
        if (running.IsCompleted)
        {
            var early = await running;
            Assert.Fail($"The cell finished before it could be interrupted: {early.Status} {early.Error?.Name}: {string.Join("\n", early.Error?.Traceback ?? [])}");
        }
        var stopwatch = Stopwatch.StartNew();
        session.Interrupt();
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(30));
        return (outcome, stopwatch.Elapsed);
    }

    [Fact]
    public async Task Interrupting_a_running_query_ends_the_cell_as_interrupted_and_the_session_goes_on()
    {
        using var session = Sessions.New();
        await session.RunOk("var before = 1;");
        var output = new RecordingOutput();
        var (outcome, took) = await InterruptAfterStart(session, LongQuery, output);
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
        await InterruptAfterStart(session, LongQuery, output);
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
        var (outcome, took) = await InterruptAfterStart(session, "while (true) { CancellationToken.ThrowIfCancellationRequested(); Thread.Sleep(5); }", output);
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
        var (outcome, _) = await InterruptAfterStart(
            session, "var con = connect(read_only: false, path: \":memory:\");\nquery_df(con, \"SELECT count(*) FROM range(10000000000) a WHERE a.range % 7 = 3\")", output);
        Assert.Equal(CellStatus.Cancelled, outcome.Status);
        var after = await session.RunOk("query_df(con, \"SELECT 3 AS x\").RowCount");
        Assert.Equal("1", after.Results.Single().Text().Trim());
    }
}
