using Mallard.Data;
using Mallard.DuckDb;
using Mallard.Engine.Scripting;

namespace Mallard.Engine;

public sealed partial class Session
{
    internal DisplayHandle DisplayFromCode(object? value)
    {
        var run = Volatile.Read(ref _run) ?? throw new InvalidOperationException("display() was called while no cell is running.");
        var id = "mallard-display-" + Interlocked.Increment(ref _displayCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        run.Display(_formatter.Format(value), id);
        return new DisplayHandle(id, updated =>
        {
            var current = Volatile.Read(ref _run) ?? run;
            current.UpdateDisplay(_formatter.Format(updated), id);
        });
    }

    internal DuckDbConnection ConnectFromCode(bool readOnly, string? path)
    {
        string target;
        if (path is null)
        {
            target = WarehousePath ?? throw new InvalidOperationException("This session has no warehouse; pass path: to connect().");
            if (!File.Exists(target))
            {
                throw new FileNotFoundException(
                    $"The gold warehouse was not found at {target}. Build it with `mallard warehouse build` (or set MALLARD_WAREHOUSE to its path).", target);
            }
        }
        else
        {
            target = path is ":memory:" ? path : Path.GetFullPath(Path.Combine(WorkingDirectory, path));
            if (readOnly && target != ":memory:" && !File.Exists(target))
                throw new FileNotFoundException($"The database file {target} does not exist; a read-only connection needs an existing file.", target);
        }
        var database = target == ":memory:" ? DuckDbDatabase.OpenInMemory() : DuckDbDatabase.Open(target, readOnly);
        var connection = database.Connect();
        lock (_userConnections) _userConnections.Add(new WeakReference<DuckDbConnection>(connection));
        return connection;
    }

    internal Frame QueryFromCode(DuckDbConnection connection, string sql, object? parameters) =>
        connection.Query(sql, NamedFromObject(parameters), CurrentCancellation);

    /// <summary>An anonymous object (<c>new { country = "DE" }</c>) binds its properties by name; lists and dictionaries pass as they are.</summary>
    private static object? NamedFromObject(object? parameters)
    {
        if (parameters is null or string or System.Collections.IEnumerable) return parameters;
        var type = parameters.GetType();
        if (type.IsPrimitive || type.IsEnum || parameters is decimal or DateTime or DateOnly or Guid) return parameters;
        return type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, p => p.GetValue(parameters), StringComparer.OrdinalIgnoreCase);
    }

    internal object? TakeShared(string name)
    {
        lock (_shared)
        {
            _shared.Remove(name, out var value);
            return value;
        }
    }
}
