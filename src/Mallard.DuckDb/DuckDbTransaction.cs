using System.Data;
using System.Data.Common;

namespace Mallard.DuckDb;

/// <summary>A transaction on a <see cref="DuckDbConnection"/> (DuckDB's snapshot isolation). Disposing without committing rolls back.</summary>
public sealed class DuckDbTransaction : DbTransaction
{
    private DuckDbConnection? _connection;

    internal DuckDbTransaction(DuckDbConnection connection) => _connection = connection;

    public override IsolationLevel IsolationLevel => IsolationLevel.Snapshot;

    protected override DbConnection? DbConnection => _connection;

    public override void Commit() => End("COMMIT");

    public override void Rollback() => End("ROLLBACK");

    protected override void Dispose(bool disposing)
    {
        if (disposing && _connection is { State: ConnectionState.Open }) Rollback();
        _connection = null;
        base.Dispose(disposing);
    }

    private void End(string sql)
    {
        var connection = _connection ?? throw new InvalidOperationException("The transaction has already been committed or rolled back.");
        _connection = null;
        connection.Execute(sql);
    }
}
