namespace Mallard.Engine.Tests.Packages;

/// <summary>Runs cells that restore packages: each waits for the cell's end, with a generous guard for a cold NuGet cache.</summary>
internal static class PackageCells
{
    /// <summary>Longer than any restore takes; only there so that a hang fails the test instead of stalling the run.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(5);

    public static async Task<(CellOutcome Outcome, RecordingOutput Output)> Execute(this Session session, string code)
    {
        using var guard = new CancellationTokenSource(Guard);
        var output = new RecordingOutput();
        var outcome = await session.ExecuteAsync(code, output, guard.Token).WaitAsync(Guard + TimeSpan.FromMinutes(1));
        Assert.False(guard.IsCancellationRequested, $"The cell did not end within {Guard}:\n{code}");
        return (outcome, output);
    }

    public static async Task<RecordingOutput> ExecuteOk(this Session session, string code)
    {
        var (outcome, output) = await session.Execute(code);
        Assert.True(outcome.Succeeded, $"Cell failed: {outcome.Error?.Name}: {string.Join("\n", outcome.Error?.Traceback ?? [])}");
        return output;
    }

    public static async Task<CellError> ExecuteFailing(this Session session, string code)
    {
        var (outcome, _) = await session.Execute(code);
        Assert.False(outcome.Succeeded, $"The cell succeeded, but should have failed:\n{code}");
        return outcome.Error!;
    }

    /// <summary>The plain text of what the cell displayed before its result (the "Installed ..." lines).</summary>
    public static IReadOnlyList<string> ShownText(this RecordingOutput output) => [.. output.Shown.Select(b => b.Text())];

    /// <summary>The plain text of the cell's result.</summary>
    public static string ResultText(this RecordingOutput output) => output.Results.Single().Text();
}
