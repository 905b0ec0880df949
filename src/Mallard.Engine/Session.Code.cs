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
        connection.Query(sql, parameters, CurrentCancellation);

    internal object? TakeShared(string name)
    {
        lock (_shared)
        {
            _shared.Remove(name, out var value);
            return value;
        }
    }
}
