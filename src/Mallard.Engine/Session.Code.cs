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
        var connection = NotebookConnections.Open(WarehousePath, WorkingDirectory, readOnly, path);
        lock (_userConnections) _userConnections.Add(new WeakReference<DuckDbConnection>(connection));
        return connection;
    }

    internal Frame QueryFromCode(DuckDbConnection connection, string sql, object? parameters) =>
        connection.Query(sql, SqlParameters.FromObject(parameters), CurrentCancellation);

    internal object? TakeShared(string name)
    {
        lock (_shared)
        {
            _shared.Remove(name, out var value);
            return value;
        }
    }
}
