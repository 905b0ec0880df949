using System.Globalization;
using System.Text;
using Mallard.Display;
using Mallard.DuckDb;
using Mallard.Engine;
using Mallard.Engine.Sql;
using Mallard.Repl.Editing;
using Mallard.Repl.Rendering;

namespace Mallard.Repl;

/// <summary>
/// <c>mallard repl</c>: SQL and C# at a prompt over one engine <see cref="Session"/>. At a terminal it edits,
/// completes and remembers input; with <c>-c</c> or piped input it runs the commands without prompts or colour and
/// stops at the first error.
/// </summary>
public sealed partial class Repl : IAsyncDisposable
{
    private const string SqlPrompt = "sql> ";
    private const string CSharpPrompt = "c#> ";
    private const string Continuation = "...> ";
    private readonly ReplOptions _options;
    private readonly ReplConsole _console;
    private readonly SessionOptions _sessionOptions;
    private readonly ReplSettings _settings;
    private Session _session;
    private bool _quit;
    private string? _lastQuery;
    private int _statement;
    private int _interrupts;
    private Task? _running;
    private TaskCompletionSource? _abandon;

    private Repl(ReplOptions options, ReplConsole console, Session session, SessionOptions sessionOptions, ReplSettings settings)
    {
        _options = options;
        _console = console;
        _session = session;
        _sessionOptions = sessionOptions;
        _settings = settings;
    }

    /// <summary>Runs the REPL on the process's console until <c>.quit</c>, Ctrl-D or the end of the input; returns the exit code.</summary>
    public static async Task<int> RunAsync(ReplOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var isTerminal = !Console.IsOutputRedirected;
        var interactive = options.Command is null && !Console.IsInputRedirected && isTerminal;
        var colour = isTerminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb";
        using var console = new ReplConsole(Console.Out, Console.Error, interactive, isTerminal, colour);
        if (options.MaxRows < 0)
        {
            console.Error($"mallard repl: --max-rows must be 0 (every row) or more, not {options.MaxRows}.\n", null);
            return 2;
        }
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Directory.GetCurrentDirectory());
        string? warehousePath;
        var readOnly = options.ReadOnly;
        if (options.Database is null)
        {
            warehousePath = options.Session.WarehousePath;
            readOnly = true;
        }
        else if (options.Database is DuckDbDatabaseOptions.InMemory or "")
        {
            warehousePath = "";
        }
        else
        {
            warehousePath = Path.GetFullPath(Path.Combine(workingDirectory, options.Database));
            if (!File.Exists(warehousePath) && readOnly)
            {
                console.Error($"mallard repl: there is no database file at {warehousePath}; --read-only opens an existing file only.\n", null);
                return 1;
            }
        }
        // Results print in the current .mode through the REPL's own formatter, which the session asks first.
        var settings = new ReplSettings { Mode = options.Mode, MaxRows = options.MaxRows };
        var sessionOptions = options.Session with
        {
            Formatters = [.. options.Session.Formatters, new TerminalFormatter(() => settings.Mode, () => settings.MaxRows, () => console.ResultFile is null ? console.Width : 0, () => settings.Pager is not null && console.ResultFile is null && console.IsTerminal) { Shown = table => settings.Last = table }],
            DefaultLanguage = options.CSharp ? CellLanguage.CSharp : CellLanguage.Sql,
            WarehousePath = warehousePath,
            WarehouseReadOnly = readOnly,
            // A DATABASE argument means "this file": the session creates it when it is missing.
            CreateWarehouse = options.Database is not null,
            WorkingDirectory = workingDirectory,
            Display = DisplayOptions.Default with { MaxRows = options.MaxRows == 0 ? int.MaxValue : options.MaxRows },
        };
        Session session;
        try
        {
            session = new Session(sessionOptions);
            _ = session.CurrentConnection;
        }
        catch (Exception e) when (e is DuckDbException or DuckDbLibraryException or IOException or System.Data.Common.DbException)
        {
            console.Error($"mallard repl: cannot open the database: {e.Message}\n", null);
            return 1;
        }
        await using var repl = new Repl(options, console, session, sessionOptions, settings);
        return await repl.RunAsync().ConfigureAwait(false);
    }

    private async Task<int> RunAsync()
    {
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Ctrl-C interrupts the running command; it never ends the REPL. A second one, while the command has not stopped,
            // abandons it (see RunCellAsync).
            e.Cancel = true;
            Interrupt();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            // Without a terminal there is no banner: say on standard error that the warehouse is missing, so a script
            // does not run on an empty in-memory database unnoticed.
            if (!_console.Interactive && MissingWarehouse() is { } missing)
                _console.Error($"mallard repl: no warehouse at {missing} (mallard warehouse build makes it); using an in-memory database.\n", null);
            if (_options.Command is { } command) return await RunScriptAsync(command, "-c").ConfigureAwait(false) ? 0 : 1;
            if (!_console.Interactive)
            {
                var script = await Console.In.ReadToEndAsync().ConfigureAwait(false);
                return await RunScriptAsync(script, "stdin").ConfigureAwait(false) ? 0 : 1;
            }
            // The C# compiler readies itself while the user types, so a first C# line answers as fast as later ones.
            _ = WarmUpQuietlyAsync(_session);
            await RunInteractiveAsync().ConfigureAwait(false);
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Ctrl-C while a command runs: the first interrupts it, a second (while it has not stopped) abandons it.</summary>
    private void Interrupt()
    {
        if (Interlocked.Increment(ref _interrupts) == 1)
        {
            _session.Interrupt();
            if (_running is { } running) _ = HintIfStuckAsync(running);
        }
        else
        {
            _abandon?.TrySetResult();
        }
    }

    private async Task RunInteractiveAsync()
    {
        var history = new History(_options.HistoryPath ?? History.DefaultPath());
        var editor = new LineEditor(_console, history, () => Console.ReadKey(intercept: true))
        {
            IsComplete = IsCompleteInput,
            Complete = CompleteInput,
            Styles = text => Highlighter.Styles(text, _session.DefaultLanguage),
        };
        Banner();
        while (!_quit)
        {
            var sql = _session.DefaultLanguage == CellLanguage.Sql;
            string? input;
            Console.TreatControlCAsInput = true;
            try
            {
                input = editor.Read(sql ? SqlPrompt : CSharpPrompt, Continuation.PadLeft(sql ? SqlPrompt.Length : CSharpPrompt.Length), sql ? TerminalText.Green : TerminalText.Magenta);
            }
            finally
            {
                Console.TreatControlCAsInput = false;
            }
            if (input is null) break;
            if (input.Trim().Length == 0) continue;
            await RunUnitAsync(input, "input", 1).ConfigureAwait(false);
        }
    }

    /// <summary>The default warehouse's path when the REPL was asked for it (no DATABASE) and it does not exist; else null.</summary>
    private string? MissingWarehouse() =>
        _options.Database is null && _session.WarehousePath is { } warehouse && !File.Exists(warehouse) ? warehouse : null;

    private void Banner()
    {
        var connection = _session.CurrentConnection;
        var where = connection.Kind == "duckdb" && connection.Target == DuckDbDatabaseOptions.InMemory
            ? "an in-memory database"
            : connection.Target + (connection.ReadOnly ? " (read-only)" : "");
        _console.Info($"Mallard REPL · {where}\n", TerminalText.Bold);
        if (MissingWarehouse() is { } warehouse)
            _console.Info($"No warehouse at {warehouse} yet (mallard warehouse build makes it); using an in-memory database.\n", TerminalText.Yellow);
        _console.Info("SQL ends at ';' · #!csharp for C#, #!sql back · .help · Ctrl-D quits\n", TerminalText.Grey);
    }

    /// <summary>Runs a script (<c>-c</c>, piped input, <c>.read</c>) input by input; false at the first failure.</summary>
    private async Task<bool> RunScriptAsync(string text, string source)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var buffer = new StringBuilder();
        var startLine = 1;
        for (var i = 0; i < lines.Length && !_quit; i++)
        {
            var line = lines[i];
            if (buffer.Length == 0)
            {
                if (line.Trim().Length == 0) continue;
                startLine = i + 1;
                if (IsDotCommand(line) || IsSwitch(line))
                {
                    if (!await RunUnitAsync(line, source, startLine).ConfigureAwait(false)) return false;
                    continue;
                }
            }
            buffer.Append(line).Append('\n');
            if (IsCompleteInput(buffer.ToString()))
            {
                if (!await RunUnitAsync(buffer.ToString(), source, startLine).ConfigureAwait(false)) return false;
                buffer.Clear();
            }
        }
        if (!_quit && buffer.ToString().Trim().Length > 0) return await RunUnitAsync(buffer.ToString(), source, startLine).ConfigureAwait(false);
        return true;
    }

    /// <summary>One input: a dot-command, a language switch, or a cell (plain SQL runs statement by statement).</summary>
    private async Task<bool> RunUnitAsync(string input, string source, int line)
    {
        try
        {
            if (IsDotCommand(input)) return await DotCommandAsync(input.Trim(), source, line).ConfigureAwait(false);
            if (IsSwitch(input))
            {
                _session.DefaultLanguage = input.Trim() == "#!sql" ? CellLanguage.Sql : CellLanguage.CSharp;
                if (_console.Interactive) _console.Info(_session.DefaultLanguage == CellLanguage.Sql ? "SQL mode.\n" : "C# mode.\n", TerminalText.Grey);
                return true;
            }
            if (IsPlainSql(input))
            {
                foreach (var (statement, start) in SqlLexer.Split(input))
                {
                    var at = line + input[..start].Count(c => c == '\n');
                    if (!await RunCellAsync(statement, source, at).ConfigureAwait(false)) return false;
                    if (IsQuery(statement)) _lastQuery = statement;
                }
                return true;
            }
            return await RunCellAsync(input, source, line).ConfigureAwait(false);
        }
        finally
        {
            // A ".once FILE" ends with the first command that printed results, so settings in between do not use it up.
            _console.CommandDone();
        }
    }

    private async Task<bool> RunCellAsync(string code, string source, int line)
    {
        _statement++;
        var output = new ReplOutput(_console, Interrupt, () => _settings.Pager);
        CellOutcome outcome;
        var abandon = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            Volatile.Write(ref _interrupts, 0);
            _abandon = abandon;
            var running = _session.ExecuteAsync(code, output);
            _running = running;
            if (await Task.WhenAny(running, abandon.Task).ConfigureAwait(false) != running)
            {
                Abandon(running);
                return false;
            }
            outcome = await running.ConfigureAwait(false);
        }
        finally
        {
            _running = null;
            _abandon = null;
            _console.Progress(null);
        }
        if (_settings.Timer) _console.Info($"Run time: {Duration(outcome.Elapsed)}\n", TerminalText.Grey);
        if (outcome.Succeeded) return true;
        var error = outcome.Error!;
        var sb = new StringBuilder();
        if (!_console.Interactive || source != "input")
        {
            var first = code.Trim().Split('\n')[0].Trim();
            if (first.Length > 70) first = first[..67] + "...";
            sb.Append(CultureInfo.InvariantCulture, $"Error in statement {_statement} ({source}, line {line}): {first}\n");
        }
        if (error.Kind == CellErrorKind.Interrupted) sb.Append("Interrupted.\n");
        else foreach (var l in error.Traceback) sb.Append(TerminalText.Visible(l)).Append('\n');
        _console.Error(sb.ToString(), error.Kind == CellErrorKind.Interrupted ? TerminalText.Yellow : TerminalText.Red);
        return false;
    }

    private static async Task WarmUpQuietlyAsync(Session session)
    {
        try
        {
            await session.WarmUpAsync().ConfigureAwait(false);
            await session.OptimizeCompilerAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The first C# line then starts the compiler itself, and reports what fails there.
        }
    }

    /// <summary>A second after an interrupt, a command that has not stopped says so, and what a second Ctrl-C does.</summary>
    private async Task HintIfStuckAsync(Task running)
    {
        if (await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false) == running) return;
        _console.Error(
            "The command did not stop: it is inside code that no interrupt reaches (a long loop inside a library, or native code). "
            + "Press Ctrl-C again to abandon it and start a new session (its variables and connections are then lost).\n", TerminalText.Yellow);
    }

    /// <summary>
    /// The second Ctrl-C: the prompt comes back at once on a new session, as a kernel restart would give; the abandoned command
    /// runs on in the background until its code returns, and its session is closed then.
    /// </summary>
    private void Abandon(Task<CellOutcome> running)
    {
        var old = _session;
        var language = old.DefaultLanguage;
        _session = new Session(_sessionOptions) { DefaultLanguage = language };
        _ = running.ContinueWith(_ => old.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        _console.Error("Abandoned: the command runs on in the background until it returns. A new session started: variables and connections from before are gone.\n", TerminalText.Yellow);
    }

    private bool IsCompleteInput(string text)
    {
        if (text.Trim().Length == 0 || IsDotCommand(text) || IsSwitch(text)) return true;
        if (AwaitsBody(text)) return false;
        return _session.IsComplete(text) != InputCompleteness.Incomplete;
    }

    /// <summary>
    /// A lone <c>#!sql --name x</c> or <c>#!time</c> line: its body comes on the next lines. (The engine calls a magic
    /// line with no body complete; for a cell that is right, at a prompt it would run an empty cell.)
    /// </summary>
    private static bool AwaitsBody(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Contains('\n', StringComparison.Ordinal)) return false;
        var head = trimmed.Split(' ', 2)[0];
        return head is "#!sql" or "%%sql" or "#!time" or "#!csharp";
    }

    private CompletionResult CompleteInput(string text, int position)
    {
        if (IsDotCommand(text)) return CompleteDotCommand(text, position);
        return _session.CompleteAsync(text, position).GetAwaiter().GetResult();
    }

    private static bool IsDotCommand(string input)
    {
        var trimmed = input.Trim();
        return trimmed.StartsWith('.') && !trimmed.Contains('\n', StringComparison.Ordinal) && trimmed.Length > 1 && char.IsLetter(trimmed[1]);
    }

    private static bool IsSwitch(string input) => input.Trim() is "#!sql" or "#!csharp";

    /// <summary>SQL with no magic line, in SQL mode: split into statements so each shows its result and an error names its statement.</summary>
    private bool IsPlainSql(string input)
    {
        if (_session.DefaultLanguage != CellLanguage.Sql) return false;
        var first = input.TrimStart();
        return !first.StartsWith("#!", StringComparison.Ordinal) && !first.StartsWith("%%", StringComparison.Ordinal);
    }

    private static string Duration(TimeSpan elapsed) =>
        elapsed.TotalSeconds >= 1
            ? elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s"
            : elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _session.DisposeAsync().ConfigureAwait(false);
}
