using System.Collections;
using System.Diagnostics;
using Mallard.Data;
using Mallard.Display;
using Mallard.DuckDb;
using Mallard.Engine.Connections;
using Mallard.Engine.Internal;
using Mallard.Engine.Magics;
using Mallard.Engine.Sql;

namespace Mallard.Engine;

public sealed partial class Session
{
    private readonly Dictionary<(SessionConnection, string), Frame> _registeredFrames = [];

    /// <summary>
    /// Runs <paramref name="sql"/> as a SQL cell with <paramref name="options"/> (what <c>#!sql</c>'s options say): for a host
    /// whose cells are SQL of their own. Outputs go to <paramref name="output"/> as for <see cref="ExecuteAsync"/>; never
    /// throws for a failing cell.
    /// </summary>
    public Task<CellOutcome> ExecuteSqlAsync(string sql, SqlCellOptions? options, ICellOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        options ??= SqlCellOptions.Default;
        var before = Math.Max(0, options.LinesBefore);
        // Blank lines stand for the host's magic lines, so error positions are the cell's own.
        return ExecuteCoreAsync(new string('\n', before) + sql, output,
            (text, run) => RunSqlAsync(text[before..], before, options, Math.Max(0, before - 1), run), cancellationToken);
    }

    internal async Task RunSqlAsync(string sql, int offset, SqlCellOptions options, int magicLine, CellRun run)
    {
        var connection = _connections.Get(options.Connection);
        // One read of the text serves the emptiness check, the parameters and the frames it names.
        var tokens = SqlLexer.Tokenize(sql, out _);
        if (PolyglotParameters(sql, tokens) is { } rewritten)
        {
            sql = rewritten;
            tokens = SqlLexer.Tokenize(sql, out _);
        }
        if (!SqlLexer.HasStatements(tokens))
        {
            throw new CellFailureException(new CellError(
                CellErrorKind.Sql, "SqlError", "The SQL cell has no statement to run.", ["SqlError: The SQL cell has no statement to run."]));
        }
        var name = options.Name;
        if (name is not null) CheckVariableName(name, magicLine);
        // Formats are checked as text before the query runs; their columns once the result is there.
        var formats = options.Formats is { } spec ? ParseFormats(spec, magicLine) : [];

        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (parameter, position) in SqlLexer.NamedParameters(tokens))
        {
            if (!TryGetVariableValue(parameter, out var value))
                throw new CellFailureException(ErrorFormatter.Parameter(parameter, offset + position, _cellText));
            parameters[parameter] = value;
        }
        if (connection.DuckDb is { } duck) RegisterFrames(connection, duck, tokens);

        Frame result;
        using (var progress = new ProgressReporter(this, run, connection, FirstLine(sql)))
        {
            try
            {
                result = connection.Query(sql, parameters, run.CancellationToken);
            }
            catch (DuckDbException e) when (e.ErrorType != DuckDbErrorType.Interrupt)
            {
                throw new CellFailureException(ErrorFormatter.Sql(e, _cellText, offset));
            }
            catch (System.Data.Common.DbException e) when (e is not DuckDbException && !run.CancellationToken.IsCancellationRequested)
            {
                throw new CellFailureException(ErrorFormatter.Sql(e));
            }
        }

        if (name is not null)
        {
            lock (_shared) _shared[name] = result;
            _variables.SetVariable(name, typeof(Frame), result);
        }
        if (options.Quiet || result.ColumnCount == 0) return;
        var formatter = options.Limit is { } limit ? _formatter.WithOptions(_formatter.Options with { MaxRows = limit }) : _formatter;
        if (formats.Count == 0 && !options.ReadableLabels)
        {
            run.Result(formatter.Format(result));
            return;
        }
        var table = result.Table();
        if (options.ReadableLabels) table = table.Labels();
        foreach (var (column, format) in formats)
        {
            try
            {
                table = table.Format(column, format);
            }
            catch (ArgumentException e)
            {
                throw new CellFailureException(FormatError(e.Message, magicLine));
            }
        }
        run.Result(formatter.Format(table));
    }

    private IReadOnlyList<(string Column, ValueFormat Format)> ParseFormats(string spec, int magicLine)
    {
        try
        {
            return FormattedTable.ParseFormats(spec);
        }
        catch (ArgumentException e)
        {
            throw new CellFailureException(FormatError(e.Message, magicLine));
        }
    }

    /// <summary>A bad <c>--format</c>, shown under the magic's line of the cell.</summary>
    private CellError FormatError(string message, int magicLine) =>
        // The parameter name .NET appends is not for the reader of a cell.
        ErrorFormatter.Magic(new MagicException("--format: " + message.Split(" (Parameter ", 2)[0]) { Line = magicLine }, _cellText);

    /// <summary>
    /// The SQL with Polyglot's <c>@name</c> parameters written as DuckDB's <c>$name</c> (same length, so positions hold), where
    /// <c>name</c> is a variable of the session; null when there is none. Elsewhere '@' keeps its meaning (DuckDB's absolute value).
    /// </summary>
    private string? PolyglotParameters(string sql, IReadOnlyList<SqlToken> tokens)
    {
        char[]? text = null;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] is not { Kind: SqlTokenKind.Symbol, Text: "@" } at) continue;
            var next = tokens[i + 1];
            if (next.Kind != SqlTokenKind.Word || next.Start != at.Start + 1 || !TryGetVariableValue(next.Text, out _)) continue;
            text ??= sql.ToCharArray();
            text[at.Start] = '$';
        }
        return text is null ? null : new string(text);
    }

    /// <summary>Frames and collections held by C# variables that the SQL names become temporary tables of that name.</summary>
    /// <summary>Forgets which frames were registered on the connection of that name (it is being replaced).</summary>
    internal void ForgetRegisteredFrames(string connectionName)
    {
        foreach (var key in _registeredFrames.Keys.Where(k => string.Equals(k.Item1.Name, connectionName, StringComparison.OrdinalIgnoreCase)).ToList())
            _registeredFrames.Remove(key);
    }

    private void RegisterFrames(SessionConnection connection, DuckDbConnection duck, IReadOnlyList<SqlToken> tokens)
    {
        foreach (var name in SqlLexer.UnqualifiedNames(tokens))
        {
            if (!_variables.TryGetVariable(name, out var variable)) continue;
            if (AsFrame(variable.Value) is not { } frame) continue;
            if (_registeredFrames.TryGetValue((connection, name), out var known) && ReferenceEquals(known, frame) && variable.Value is Frame) continue;
            var quoted = SqlText.Identifier(name);
            var columns = string.Join(", ", frame.Columns.Select(c => SqlText.Identifier(c.Name) + " " + c.Type.Name));
            duck.Execute($"CREATE OR REPLACE TEMP TABLE {quoted} ({columns})");
            using (var appender = duck.CreateAppender(name, "main", "temp"))
            {
                appender.AppendFrame(frame);
            }
            _registeredFrames[(connection, name)] = frame;
        }
    }

    /// <summary>A frame held by a variable: the frame itself, or a collection of records as a frame; else null.</summary>
    internal static Frame? AsFrame(object? value) => value switch
    {
        Frame f => f,
        string or null => null,
        IEnumerable e when RecordType(value.GetType()) is { } itemType => FromRecords(e, itemType),
        _ => null,
    };

    private static Type? RecordType(Type type)
    {
        var enumerable = type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        var item = enumerable?.GetGenericArguments()[0];
        if (item is null || item == typeof(string) || item.IsPrimitive) return null;
        return item.GetProperties().Length > 0 ? item : null;
    }

    private static Frame FromRecords(IEnumerable records, Type itemType)
    {
        var method = typeof(Frame).GetMethod(nameof(Frame.FromRecords))!.MakeGenericMethod(itemType);
        try
        {
            return (Frame)method.Invoke(null, [records])!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    /// <summary>
    /// Makes <paramref name="name"/> a variable holding <paramref name="value"/> (Polyglot's #!set, #!share, #!value), typed as the
    /// value is when C# can name that type, else as object. A bad name is an error on the magic's line.
    /// </summary>
    internal void SetVariable(string name, object? value, int magicLine)
    {
        CheckVariableName(name, magicLine);
        var type = value?.GetType() is { } runtime && Nameable(runtime) ? runtime : typeof(object);
        // C# picks a value up from here when its next cell declares the variable (as with a SQL cell's --name).
        lock (_shared) _shared[name] = value;
        _variables.SetVariable(name, type, value);

        static bool Nameable(Type t) => (t.IsPublic || (t.IsNestedPublic && t.DeclaringType is { } d && Nameable(d)))
            && !t.Name.Contains('<', StringComparison.Ordinal) && t.GetGenericArguments().All(Nameable);
    }

    internal bool TryGetVariableValue(string name, out object? value)
    {
        if (_variables.TryGetVariable(name, out var exact))
        {
            value = exact.Value;
            return true;
        }
        var loose = _variables.Variables.LastOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
        value = loose?.Value;
        return loose is not null;
    }

    private void CheckVariableName(string name, int magicLine)
    {
        if (!_variables.IsValidName(name))
            throw new MagicException($"'--name {name}' is not a valid {(_code is null ? "" : "C# ")}variable name: use letters, digits and '_', not starting with a digit.") { Line = magicLine };
    }

    private static string FirstLine(string sql)
    {
        var line = sql.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)) ?? "query";
        return line.Length > 60 ? line[..57] + "..." : line;
    }

    private string NextProgressId() => "mallard-progress-" + Interlocked.Increment(ref _progressCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reports a query's progress after <see cref="SessionOptions.ProgressDelay"/>, then every <see cref="SessionOptions.ProgressInterval"/>, and a final update when it ends.</summary>
    private sealed class ProgressReporter : IDisposable
    {
        private readonly CellRun _run;
        private readonly SessionConnection _connection;
        private readonly string _label;
        private readonly string _id;
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
        private readonly Timer _timer;
        private readonly Lock _lock = new();
        private bool _reported;
        private bool _done;

        public ProgressReporter(Session session, CellRun run, SessionConnection connection, string label)
        {
            _run = run;
            _connection = connection;
            _label = label;
            _id = session.NextProgressId();
            _timer = new Timer(_ => Tick(), null, session.Options.ProgressDelay, session.Options.ProgressInterval);
        }

        private void Tick()
        {
            lock (_lock)
            {
                if (_done) return;
                double? fraction = null;
                if (_connection.DuckDb?.QueryProgress is { } p && p.Percentage >= 0) fraction = Math.Clamp(p.Percentage / 100.0, 0, 1);
                _reported = true;
                _run.Progress(new ProgressUpdate(_id, _label, fraction, _stopwatch.Elapsed, Done: false));
            }
        }

        public void Dispose()
        {
            _timer.Dispose();
            lock (_lock)
            {
                _done = true;
                if (_reported) _run.Progress(new ProgressUpdate(_id, _label, 1, _stopwatch.Elapsed, Done: true));
            }
        }
    }
}
