using System.Collections;
using System.Runtime.InteropServices;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb;

/// <summary>
/// A prepared SQL statement: bind values to its parameters (positional <c>?</c>/<c>$1</c> or named
/// <c>$name</c>), run it, bind new values, run it again. Belongs to its connection's thread rules.
/// </summary>
public sealed class DuckDbPreparedStatement : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly PreparedStatementHandle _handle;
    private readonly ConnectionHandle _connectionHandle;
    private bool _disposed;

    internal DuckDbPreparedStatement(DuckDbConnection connection, PreparedStatementHandle handle, string sql)
    {
        _connection = connection;
        _connectionHandle = connection.Handle;
        _handle = handle;
        Sql = sql;
        ParameterNames = ReadParameterNames(handle);
    }

    public string Sql { get; }

    public int ParameterCount => ParameterNames.Count;

    /// <summary>The parameters' names in index order: "1", "2", ... for positional ones.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Binds a value to the parameter at a 1-based <paramref name="position"/>.</summary>
    public DuckDbPreparedStatement Bind(int position, object? value)
    {
        _ = Handle;
        if (position < 1 || position > ParameterCount)
            throw new ArgumentOutOfRangeException(nameof(position), position, $"The statement has {ParameterCount} parameter(s), numbered from 1.");
        _connection.EnterBusy();
        try
        {
            ParameterBinder.Bind(Handle, (ulong)position, value, "$" + position);
        }
        finally
        {
            _connection.ExitBusy();
        }
        return this;
    }

    /// <summary>Binds a value to the parameter named <paramref name="name"/> (written <c>$name</c> in SQL; case-insensitive).</summary>
    public DuckDbPreparedStatement Bind(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        _connection.EnterBusy();
        try
        {
            BindNamed(Handle, name, value, ParameterNames);
        }
        finally
        {
            _connection.ExitBusy();
        }
        return this;
    }

    /// <summary>Binds all parameters at once (a list for positional, a dictionary for named).</summary>
    public DuckDbPreparedStatement BindAll(object? parameters)
    {
        _connection.EnterBusy();
        try
        {
            BindAll(Handle, parameters);
        }
        finally
        {
            _connection.ExitBusy();
        }
        return this;
    }

    public void ClearBindings()
    {
        _connection.EnterBusy();
        try
        {
            NativeMethods.ClearBindings(Handle);
        }
        finally
        {
            _connection.ExitBusy();
        }
    }

    /// <summary>Runs the statement with the bound values and reads its whole result.</summary>
    public Frame Query(CancellationToken cancellationToken = default)
    {
        _connection.EnterBusy();
        try
        {
            using var result = Run(streaming: false, cancellationToken);
            return _connection.ReadAllGuarded(result, cancellationToken);
        }
        finally
        {
            _connection.ExitBusy();
        }
    }

    /// <summary>Runs the statement; returns the rows it changed (-1 for a query).</summary>
    public long Execute(CancellationToken cancellationToken = default)
    {
        using var result = Run(streaming: false, cancellationToken);
        return result.RowsChanged;
    }

    /// <summary>Runs the statement and streams its result.</summary>
    public DuckDbResultReader QueryStreaming(CancellationToken cancellationToken = default) =>
        _connection.StartReader(Run(streaming: true, cancellationToken));

    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    private PreparedStatementHandle Handle
    {
        get
        {
            // Not _handle.IsClosed alone: a streaming result of this statement keeps the handle open after Dispose.
            ObjectDisposedException.ThrowIf(_disposed || _handle.IsClosed, this);
            // The native connection outlives a Close() while this statement holds it, but nothing could cancel
            // a statement run on it any more: a statement belongs to the connection it was prepared on.
            if (!_connection.IsOpenOn(_connectionHandle))
                throw new ObjectDisposedException(nameof(DuckDbConnection), "The connection this statement was prepared on has been closed; prepare it again on an open connection.");
            return _handle;
        }
    }

    private Reading.QueryResult Run(bool streaming, CancellationToken cancellationToken)
    {
        _connection.EnterBusy();
        try
        {
            return _connection.ExecutePrepared(Handle, Sql, streaming, cancellationToken);
        }
        finally
        {
            _connection.ExitBusy();
        }
    }

    internal static void BindAll(PreparedStatementHandle handle, object? parameters)
    {
        var count = (int)NativeMethods.ParameterCount(handle);
        if (parameters is null)
        {
            if (count > 0)
            {
                var names = ReadParameterNames(handle);
                throw new DuckDbException(
                    $"The statement has {count} parameter(s) ({string.Join(", ", names.Select(n => "$" + n))}) but no values were given.",
                    DuckDbErrorType.InvalidInput);
            }
            return;
        }
        if (count == 0) return;
        switch (parameters)
        {
            case IEnumerable<KeyValuePair<string, object?>> named:
                var all = ReadParameterNames(handle);
                var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (name, value) in named)
                {
                    var bare = name.TrimStart('$', '@', ':');
                    if (!all.Contains(bare, StringComparer.OrdinalIgnoreCase)) continue;
                    BindNamed(handle, bare, value, all);
                    given.Add(bare);
                }
                var missing = all.Where(n => !given.Contains(n)).ToList();
                if (missing.Count > 0)
                    throw new DuckDbException($"No value was given for parameter(s) {string.Join(", ", missing.Select(n => "$" + n))}.", DuckDbErrorType.InvalidInput);
                break;
            case IDictionary dictionary:
                BindAll(handle, dictionary.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>(e.Key.ToString() ?? "", e.Value)).ToList());
                break;
            case IEnumerable list and not string and not byte[]:
                var values = list.Cast<object?>().ToList();
                if (values.Count != count)
                    throw new DuckDbException($"The statement has {count} parameter(s) but {values.Count} value(s) were given.", DuckDbErrorType.InvalidInput);
                for (var i = 0; i < values.Count; i++) ParameterBinder.Bind(handle, (ulong)(i + 1), values[i], "$" + (i + 1));
                break;
            default:
                if (count != 1)
                    throw new DuckDbException($"The statement has {count} parameters; pass their values as a list or a dictionary.", DuckDbErrorType.InvalidInput);
                ParameterBinder.Bind(handle, 1, parameters, "$1");
                break;
        }
    }

    private static void BindNamed(PreparedStatementHandle handle, string name, object? value, IReadOnlyList<string> all)
    {
        var bare = name.TrimStart('$', '@', ':');
        if (NativeMethods.BindParameterIndex(handle, out var index, bare) != DuckDbState.Success)
            throw new DuckDbException(
                $"The statement has no parameter ${bare}. Its parameters are: {(all.Count == 0 ? "none" : string.Join(", ", all.Select(n => "$" + n)))}.",
                DuckDbErrorType.InvalidInput);
        ParameterBinder.Bind(handle, index, value, "$" + bare);
    }

    private static unsafe string[] ReadParameterNames(PreparedStatementHandle handle)
    {
        var count = (int)NativeMethods.ParameterCount(handle);
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            var name = NativeMethods.ParameterName(handle, (ulong)(i + 1));
            names[i] = name is null ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : Reading.ColumnSpec.TakeString(name);
        }
        return names;
    }
}
