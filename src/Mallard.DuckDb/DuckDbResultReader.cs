using Mallard.Data;
using Mallard.DuckDb.Reading;

namespace Mallard.DuckDb;

/// <summary>
/// A streaming result: chunks of rows (up to 2,048 each) arrive as frames while DuckDB keeps executing,
/// so results too large to hold are read piece by piece. The connection runs nothing else until this is
/// read to the end or disposed.
/// </summary>
public sealed class DuckDbResultReader : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly QueryResult _result;
    private bool _finished;
    private bool _disposed;

    internal DuckDbResultReader(DuckDbConnection connection, QueryResult result)
    {
        _connection = connection;
        _result = result;
        Schema = result.EmptyFrame();
    }

    /// <summary>An empty frame with the result's columns and types.</summary>
    public Frame Schema { get; }

    /// <summary>Rows changed by the statement, or -1 for a query.</summary>
    public long RowsChanged => _result.RowsChanged;

    /// <summary>The next chunk of rows, or null at the end.</summary>
    public Frame? ReadChunk(CancellationToken cancellationToken = default)
    {
        // Disposed (also by closing the connection) is not the end of the rows: say so rather than return a short result.
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished) return null;
        ObjectDisposedException.ThrowIf(_result.IsDisposed, this);
        _connection.EnterBusy();
        try
        {
            using var registration = cancellationToken.Register(_connection.Cancel);
            using var chunk = _result.Fetch();
            if (chunk is null)
            {
                Finish();
                return null;
            }
            return _result.ReadChunk(chunk);
        }
        catch
        {
            Finish();
            throw;
        }
        finally
        {
            _connection.ExitBusy();
        }
    }

    /// <summary>Every remaining chunk, in order.</summary>
    public IEnumerable<Frame> ReadChunks(CancellationToken cancellationToken = default)
    {
        while (ReadChunk(cancellationToken) is { } chunk) yield return chunk;
    }

    public void Dispose()
    {
        _disposed = true;
        Finish();
    }

    private void Finish()
    {
        _finished = true;
        _result.Dispose();
        _connection.ReaderClosed(this);
    }
}
