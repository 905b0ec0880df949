namespace Mallard.Engine.Tests;

/// <summary>Sessions for tests: an in-memory default connection, a private working directory.</summary>
internal static class Sessions
{
    public static Session New(CellLanguage language = CellLanguage.CSharp, string? workingDirectory = null) =>
        New(SessionOptions.Default.ConnectionProviders, language, workingDirectory);

    /// <summary>A session whose <c>#!connect</c> opens the kinds of <paramref name="providers"/>.</summary>
    public static Session New(IReadOnlyList<Connections.IConnectionProvider> providers, CellLanguage language = CellLanguage.CSharp, string? workingDirectory = null)
    {
        var directory = workingDirectory ?? TestDirectories.Create("mallard-engine-");
        return new Session(new SessionOptions { WorkingDirectory = directory, DefaultLanguage = language, ConnectionProviders = providers, CSharp = Scripting.CSharpScripting.Language, Files = LocalFiles.Instance });
    }

    public static async Task<(CellOutcome Outcome, RecordingOutput Output)> Run(this Session session, string code, RecordingOutput? output = null)
    {
        output ??= new RecordingOutput();
        var outcome = await session.ExecuteAsync(code, output);
        return (outcome, output);
    }

    public static async Task<RecordingOutput> RunOk(this Session session, string code)
    {
        var (outcome, output) = await session.Run(code);
        Assert.True(outcome.Succeeded, $"Cell failed: {outcome.Error?.Name}: {string.Join("\n", outcome.Error?.Traceback ?? [])}");
        return output;
    }

    public static string Text(this Mallard.Display.MimeBundle bundle) => bundle.Get("text/plain");
}

/// <summary>Garbage collection for tests that measure what a session keeps.</summary>
internal static class Heap
{
    /// <summary>Collects until finished cells' load contexts can have been unloaded and their finalizers have run.</summary>
    public static void Settle()
    {
        for (var i = 0; i < 10; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>Managed bytes in use once the heap has settled.</summary>
    public static long SettledBytes()
    {
        Settle();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
