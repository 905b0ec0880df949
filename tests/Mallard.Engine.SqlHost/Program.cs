using System.Runtime.Loader;
using Mallard.Data;
using Mallard.Display;
using Mallard.Engine;
using Mallard.Engine.Code;
using Mallard.Engine.Connections;

// A SQL-only host: an in-memory DuckDB provider, the host's own variables, no C#. Prints one "key=value" line per check.
var variables = new VariableStore();
variables.SetVariable("country", typeof(string), "DE");
using var session = new Session(new SessionOptions
{
    DefaultLanguage = CellLanguage.Sql,
    ConnectionProviders = [DuckDbConnectionProvider.Instance],
    Variables = variables,
    ProgressDelay = TimeSpan.FromMilliseconds(100),
    ProgressInterval = TimeSpan.FromMilliseconds(50),
});

var named = await session.ExecuteAsync("#!sql --name picked\nSELECT $country AS country, 42 AS answer", new Output());
Console.WriteLine($"named.status={named.Status}");
Console.WriteLine($"named.variable={(variables.TryGetVariable("picked", out var picked) && picked.Value is Frame f ? $"{f[0].GetValue(0)}|{f[1].GetValue(0)}" : "missing")}");

var readBack = new Output();
var frameInSql = await session.ExecuteAsync("SELECT answer + 1 AS next FROM picked", readBack);
Console.WriteLine($"frame_in_sql.status={frameInSql.Status} text={readBack.Text.Contains("43", StringComparison.Ordinal)}");

// A long query: interrupted once it has reported progress.
var progress = new Output();
var running = session.ExecuteAsync("SELECT count(*) FROM range(10000000000) a WHERE a.range % 7 = 3", progress);
var first = await progress.FirstProgress.Task.WaitAsync(TimeSpan.FromSeconds(60));
session.Interrupt();
var interrupted = await running.WaitAsync(TimeSpan.FromSeconds(60));
Console.WriteLine($"progress.label={first.Label}");
Console.WriteLine($"progress.done={progress.Updates.LastOrDefault()?.Done}");
Console.WriteLine($"interrupted.status={interrupted.Status} kind={interrupted.Error?.Kind}");

var after = await session.ExecuteAsync("SELECT 1", new Output());
Console.WriteLine($"after.status={after.Status}");

var csharp = await session.ExecuteAsync("#!csharp\n1 + 1", new Output());
Console.WriteLine($"csharp.status={csharp.Status} message={csharp.Error?.Message}");

var compilers = AssemblyLoadContext.All.SelectMany(c => c.Assemblies).Select(a => a.GetName().Name)
    .Where(n => n is not null && n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).Distinct().ToList();
Console.WriteLine($"console={(Console.Out.GetType().FullName!.StartsWith("Mallard", StringComparison.Ordinal) ? "routed" : "the host's")}");
Console.WriteLine($"compilers={(compilers.Count == 0 ? "none" : string.Join(",", compilers))}");
Console.WriteLine($"mallard={string.Join(",", AssemblyLoadContext.All.SelectMany(c => c.Assemblies).Select(a => a.GetName().Name).Where(n => n!.StartsWith("Mallard", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal))}");

/// <summary>Collects what a cell writes.</summary>
internal sealed class Output : ICellOutput
{
    private readonly Lock _lock = new();

    public List<ProgressUpdate> Updates { get; } = [];

    public TaskCompletionSource<ProgressUpdate> FirstProgress { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Text { get; private set; } = "";

    public void Display(MimeBundle bundle, string? displayId = null) => Text += bundle["text/plain"];

    public void UpdateDisplay(MimeBundle bundle, string displayId) => Text += bundle["text/plain"];

    public void Stream(OutputStreamKind stream, string text) => Text += text;

    public void Result(MimeBundle bundle) => Text += bundle["text/plain"];

    public void Progress(ProgressUpdate progress)
    {
        lock (_lock) Updates.Add(progress);
        FirstProgress.TrySetResult(progress);
    }

    public string? ReadLine(string prompt, bool password) => null;
}
