using System.Data.Common;
using System.Diagnostics;
using Mallard.Display;
using Mallard.DuckDb;
using Mallard.Engine.Code;
using Mallard.Engine.Connections;
using Mallard.Engine.Internal;
using Mallard.Engine.Magics;

namespace Mallard.Engine;

/// <summary>
/// One interactive session: named connections, SQL cells, magics, and variables shared between SQL and the code
/// cells of the language its host gave it (C# through Mallard.Scripting), if any. Front ends (the Jupyter kernel, the
/// REPL, the runner) feed it cells and show the MIME bundles it writes to an <see cref="ICellOutput"/>. One cell runs at a time; <see cref="Interrupt"/> may be
/// called from any thread.
/// </summary>
public sealed partial class Session : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConnectionRegistry _connections;
    private readonly ICodeRunner? _code;
    private readonly IVariableSource _variables;
    private readonly FormatterRegistry _formatter;
    private readonly Dictionary<string, object?> _shared = new(StringComparer.Ordinal);
    private readonly List<WeakReference<DuckDbConnection>> _userConnections = [];
    private readonly Lock _lock = new();
    private CancellationTokenSource? _cellCancellation;
    private CellRun? _run;
    private string _cellText = "";
    private int _displayCounter;
    private int _progressCounter;
    private bool _disposed;

    /// <summary>Starts a session; the default connection opens on first use, as <paramref name="options"/> say.</summary>
    public Session(SessionOptions? options = null)
    {
        Options = options ?? SessionOptions.Default;
        WorkingDirectory = Path.GetFullPath(Options.WorkingDirectory ?? Directory.GetCurrentDirectory());
        // Without a code language, a cell with no language magic can only be SQL.
        DefaultLanguage = Options.CSharp is null ? CellLanguage.Sql : Options.DefaultLanguage;
        _formatter = Options.Formatters.Reverse().Aggregate(new FormatterRegistry(Options.Display), (registry, formatter) => registry.With(formatter));
        _connections = new ConnectionRegistry(OpenDefaultConnection);
        _code = Options.CSharp?.Start(this);
        _variables = (IVariableSource?)_code ?? Options.Variables ?? new VariableStore();
    }

    /// <summary>The options the session started with.</summary>
    public SessionOptions Options { get; }

    /// <summary>The directory relative paths resolve against.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The language of cells with no language magic (the REPL switches it with <c>#!sql</c> / <c>#!csharp</c> alone on a line).</summary>
    public CellLanguage DefaultLanguage { get; set; }

    /// <summary>The formatters the session displays values with.</summary>
    public FormatterRegistry Formatter => _formatter;

    /// <summary>The session's open connections.</summary>
    public IReadOnlyList<SessionConnection> Connections => _connections.All;

    /// <summary>The connection SQL cells use when they name none (opened on first use).</summary>
    public SessionConnection CurrentConnection => _connections.Get(null);

    /// <summary>The path of the gold warehouse this session uses by default, or null when it has none.</summary>
    public string? WarehousePath => string.IsNullOrEmpty(Options.WarehousePath)
        ? null
        : Path.GetFullPath(Path.Combine(WorkingDirectory, Options.WarehousePath));

    /// <summary>The kinds <c>#!connect</c> accepts in this session: one a connection provider the host gave it.</summary>
    public IReadOnlyList<string> ConnectionKinds => [.. Options.ConnectionProviders.Select(p => p.Kind)];

    /// <summary>The session's connections by name, for the magics.</summary>
    internal ConnectionRegistry Registry => _connections;

    /// <summary>True while a cell runs.</summary>
    public bool IsBusy => Volatile.Read(ref _run) is not null;

    internal CancellationToken CurrentCancellation => Volatile.Read(ref _cellCancellation)?.Token ?? CancellationToken.None;

    /// <summary>Runs one cell; its outputs go to <paramref name="output"/> in order. Never throws for a failing cell: the outcome says how it ended.</summary>
    public Task<CellOutcome> ExecuteAsync(string code, ICellOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        return ExecuteCoreAsync(code, output, (text, run) => RunTextAsync(text, 0, run), cancellationToken);
    }

    /// <summary>
    /// Runs one cell of a notebook that names each cell's kernel outside its text, as Polyglot Notebooks does in
    /// <c>.ipynb</c> files (<c>metadata.polyglot_notebook.kernelName</c>): <paramref name="kernelName"/> <c>sql</c>, <c>sql-NAME</c>,
    /// a connection's name, <c>fsharp</c>... runs the cell as that magic would, with the cell's own line numbers. A cell whose
    /// first line is a magic, or whose kernel is C# (or none), runs as <see cref="ExecuteAsync"/> runs it.
    /// </summary>
    public Task<CellOutcome> ExecuteAsKernelAsync(string code, string? kernelName, ICellOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (kernelName is null || kernelName is "csharp" or "C#" or "c#" || StartsWithMagic(code)) return ExecuteAsync(code, output, cancellationToken);
        return ExecuteCoreAsync(code, output, async (text, run) =>
        {
            // The kernel's magic, read as if it stood on a line above the cell.
            var magic = MagicParser.ParseLine("#!" + kernelName, -1, _connections.Addressed);
            await magic.Command.RunAsync(new MagicContext(this, magic, text, 0, run)).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// Whether the cell names its own kernel on its first line: a magic other than those that open any kernel's cell
    /// (<see cref="Magics.MagicSpec.OpensAnyCell"/>: #!set and #!share give values, #!time times the rest in the cell's kernel).
    /// </summary>
    private static bool StartsWithMagic(string code)
    {
        if (code.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) is not { } first || !MagicParser.IsMagicLine(first)) return false;
        var name = first.Trim()[2..].Split(' ', 2)[0];
        return MagicCatalog.Find(name) is not { Spec.OpensAnyCell: true };
    }

    /// <summary>Runs <paramref name="body"/> over the cell text <paramref name="code"/> as one cell: one at a time, interruptible, outcome never thrown.</summary>
    private async Task<CellOutcome> ExecuteCoreAsync(string code, ICellOutput output, Func<string, CellRun, Task> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new CellRun(output, cts.Token);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            code = code.Replace("\r\n", "\n", StringComparison.Ordinal);
            lock (_lock)
            {
                _cellCancellation = cts;
                _run = run;
                _cellText = code;
            }
            using (ConsoleRouter.Enter(run))
            {
                try
                {
                    // The cell runs on the thread pool: the caller gets its task back at once, whatever the cell does.
                    await Task.Run(() => body(code, run), CancellationToken.None).ConfigureAwait(false);
                    run.Flush();
                    return new CellOutcome(CellStatus.Ok, null, stopwatch.Elapsed);
                }
                catch (Exception e)
                {
                    run.Flush();
                    var error = ToCellError(e, cts.IsCancellationRequested);
                    var status = error.Kind == CellErrorKind.Interrupted ? CellStatus.Cancelled : CellStatus.Error;
                    return new CellOutcome(status, error, stopwatch.Elapsed);
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _cellCancellation = null;
                _run = null;
            }
            _gate.Release();
        }
    }

    /// <summary>
    /// Readies the C# compiler, DuckDB and the formatters, so that a first cell takes about as long as later ones. Runs beside
    /// cells until its C# part's last step, a throwaway cell, which takes its turn like any cell (a few milliseconds).
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        // A first result is formatted too: the formatters' own first use is part of a first cell's time. With a registry of
        // its own, so that a host's formatters (the REPL's remembers the last table it showed) never see these values.
        var formatter = new FormatterRegistry(Options.Display);
        if (_code is not null)
        {
            // The compiler first: a first C# cell sent at once waits on it.
            await _code.WarmUpAsync(cancellationToken).ConfigureAwait(false);
            _ = formatter.Format(42);
            _ = formatter.Format("ready");
            // And a whole cell goes the way a user's does (the gate, magic parsing, the run, its result), with nothing shown.
            // It declares nothing, so the session is as it was; a user's cell that comes meanwhile waits for it (milliseconds).
            await ExecuteAsync("System.Environment.ProcessorCount > 0 /* warm-up */", DiscardOutput.Instance, cancellationToken).ConfigureAwait(false);
        }
        // DuckDB's first query and a first table of the common types, on a database of its own: the session's own database
        // (a warehouse file, which opening locks) still opens on the first SQL cell that needs it.
        using (var database = DuckDbDatabase.OpenInMemory())
        using (var connection = database.Connect())
        {
            _ = formatter.Format(connection.Query(
                "SELECT 1 AS id, 'a' AS name, 1.5::DECIMAL(18,2) AS amount, 0.5::DOUBLE AS share, DATE '2025-01-01' AS day", cancellationToken));
        }
        // Start-up leaves tens of megabytes of lasting state (the compiler's metadata and symbols) in the youngest generation, so
        // the first collection after it copies all of that: it fell on the user's third C# cell (25-35 ms instead of 10).
        // Collected here, while the user reads, later cells find a settled heap.
        SettleHeap();
    }

    /// <summary>A full collection, so that what start-up left settles before the user's cells allocate.</summary>
    private static void SettleHeap() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);

    /// <summary>
    /// For a session that lives on while its user reads (a kernel, the REPL), after <see cref="WarmUpAsync"/>: has the
    /// runtime optimise the C# compiler's own code with throwaway compiles (about a second), so that new C# cells later take
    /// about half as long, even run back to back. Cells may run meanwhile; the session is as it was.
    /// </summary>
    public async Task OptimizeCompilerAsync(CancellationToken cancellationToken = default)
    {
        if (_code is null) return;
        await _code.OptimizeCompilerAsync(cancellationToken).ConfigureAwait(false);
        // Its garbage is collected before the user's cells come, as the warm-up's is; not under a running cell, which would wait.
        if (!await _gate.WaitAsync(0, cancellationToken).ConfigureAwait(false)) return;
        try
        {
            SettleHeap();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Interrupts the running cell, if any: a running query through DuckDB, C# through its cancellation token.</summary>
    public void Interrupt()
    {
        CancellationTokenSource? cts;
        lock (_lock) cts = _cellCancellation;
        if (cts is null) return;
        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        _connections.CancelAll();
        foreach (var connection in UserConnections()) connection.Cancel();
    }

    /// <summary>The session's variables, as <c>#!who</c> lists them.</summary>
    public IReadOnlyList<VariableInfo> Variables =>
        [.. _variables.Variables.Select(v => new VariableInfo(v.Name, TypeNames.Friendly(v.Type), Shape(v.Value), v.Value))];

    /// <summary>Runs cell text that starts at <paramref name="offset"/> of the whole cell: a magic and its body, or plain code.</summary>
    internal async Task RunTextAsync(string text, int offset, CellRun run)
    {
        var magic = MagicParser.Parse(text, LineOf(offset), out var body, out var bodyStart, _connections.Addressed);
        var bodyOffset = offset + bodyStart;
        if (magic is null)
        {
            var (code, rest, restStart) = SplitAtMagic(text);
            if (code.Trim().Length > 0)
            {
                if (run.Language is { } language) await language(code, offset).ConfigureAwait(false);
                else if (DefaultLanguage == CellLanguage.Sql) await RunSqlAsync(code, offset, SqlCellOptions.Default, LineOf(offset), run).ConfigureAwait(false);
                else await RunCSharpAsync(code, offset, run).ConfigureAwait(false);
            }
            if (rest is not null) await RunTextAsync(rest, offset + restStart, run).ConfigureAwait(false);
            return;
        }
        await magic.Command.RunAsync(new MagicContext(this, magic, body, bodyOffset, run)).ConfigureAwait(false);
    }

    /// <summary>
    /// Splits code (C# or SQL) at its first <c>#!</c> line, as Polyglot splits a submission at every directive: the code
    /// before it runs in its language, then the magic with the rest of the text. The text after is null when the text
    /// has no such line. As in Polyglot, a <c>#!</c> line inside a multi-line string counts as a magic too (<c>#!/</c>, a
    /// script's first line, does not).
    /// </summary>
    internal static (string Code, string? After, int AfterStart) SplitAtMagic(string text)
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var end = text.IndexOf('\n', pos);
            var line = (end < 0 ? text[pos..] : text[pos..end]).TrimStart();
            if (line.StartsWith("#!", StringComparison.Ordinal) && !line.StartsWith("#!/", StringComparison.Ordinal)) return (text[..pos], text[pos..], pos);
            if (end < 0) break;
            pos = end + 1;
        }
        return (text, null, 0);
    }

    internal Task RunCSharpAsync(string code, int offset, CellRun run) =>
        _code?.RunAsync(code, offset, run)
        ?? throw new MagicException("This session runs no C#: its host gave it SQL and magics only. Start the cell with #!sql.") { Line = LineOf(offset) };

    /// <summary>The connection that a name no magic has addresses, Polyglot's way (<c>#!NAME</c>, <c>#!sql-NAME</c>), or null.</summary>
    internal Func<string, string?> Addressed => _connections.Addressed;

    /// <summary>The whole text of the running cell (error positions are in its numbering).</summary>
    internal string CellText => _cellText;


    private CellError ToCellError(Exception e, bool cancelled)
    {
        if (e is CellFailureException failure) return failure.Error;
        if (cancelled && e is OperationCanceledException or DuckDbException { ErrorType: DuckDbErrorType.Interrupt })
        {
            return new CellError(CellErrorKind.Interrupted, "Interrupted", "The cell was interrupted.", ["Interrupted: the cell was interrupted."]);
        }
        return e switch
        {
            MagicException m => ErrorFormatter.Magic(m, _cellText),
            DuckDbOpenException open => new CellError(CellErrorKind.Connection, "ConnectionError", open.Message, [open.Message]),
            DbException db => new CellError(CellErrorKind.Connection, db.GetType().Name, db.Message, [db.Message]),
            _ => ErrorFormatter.Runtime(e, 0),
        };
    }

    /// <summary>The zero-based line of the cell that <paramref name="offset"/> falls on.</summary>
    internal int LineOf(int offset) => ErrorFormatter.LineColumn(_cellText, offset).Line;

    internal static string FormatDuration(TimeSpan elapsed) =>
        elapsed.TotalSeconds >= 1
            ? elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " s"
            : elapsed.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " ms";

    private static string? Shape(object? value) => value switch
    {
        Mallard.Data.Frame f => $"{f.RowCount} × {f.ColumnCount}",
        Array a => a.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        System.Collections.ICollection c => c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private SessionConnection OpenDefaultConnection()
    {
        if (Options.DefaultConnection is { } open) return open();
        var path = WarehousePath;
        if (path is not null && (File.Exists(path) || (Options.CreateWarehouse && !Options.WarehouseReadOnly)))
            return DuckDbConnectionProvider.Open("warehouse", path, Options.WarehouseReadOnly, WorkingDirectory);
        if (path is not null)
        {
            // Say so once, in the cell that first needs the connection, rather than failing later on a missing table.
            Volatile.Read(ref _run)?.Write(OutputStreamKind.Stderr,
                $"Note: the gold warehouse was not found at {path}; SQL runs on an in-memory database. "
                + "Build the warehouse with `mallard warehouse build` (or set MALLARD_WAREHOUSE), or open a database with #!connect.\n");
        }
        return DuckDbConnectionProvider.Open("memory", ":memory:", readOnly: false, WorkingDirectory);
    }

    private List<DuckDbConnection> UserConnections()
    {
        lock (_userConnections)
        {
            _userConnections.RemoveAll(w => !w.TryGetTarget(out _));
            return [.. _userConnections.Select(w => w.TryGetTarget(out var c) ? c : null).OfType<DuckDbConnection>()];
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Interrupt();
        _connections.Dispose();
        foreach (var c in UserConnections()) c.Dispose();
        _code?.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
