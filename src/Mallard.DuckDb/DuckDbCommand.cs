using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Mallard.DuckDb;

/// <summary>An ADO.NET command over a <see cref="DuckDbConnection"/>. The text may hold several statements; all run, the last one's result is returned.</summary>
public sealed class DuckDbCommand : DbCommand
{
    private string _text = "";

    public DuckDbCommand()
    {
    }

    public DuckDbCommand(string commandText, DuckDbConnection? connection = null)
    {
        _text = commandText;
        Connection = connection;
    }

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set => _text = value ?? "";
    }

    /// <summary>Seconds before the command is cancelled; 0 waits for ever (the default).</summary>
    public override int CommandTimeout { get; set; }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text) throw new NotSupportedException("DuckDB commands are SQL text.");
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    public new DuckDbConnection? Connection { get; set; }

    public new DuckDbParameterCollection Parameters { get; } = new();

    protected override DbConnection? DbConnection
    {
        get => Connection;
        set => Connection = (DuckDbConnection?)value;
    }

    protected override DbParameterCollection DbParameterCollection => Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel() => Connection?.Cancel();

    public override int ExecuteNonQuery() => NonQuery(CancellationToken.None);

    public override object? ExecuteScalar() => Scalar(CancellationToken.None);

    public new DuckDbDataReader ExecuteReader() => (DuckDbDataReader)ExecuteDbDataReader(CommandBehavior.Default);

    public new DuckDbDataReader ExecuteReader(CommandBehavior behavior) => (DuckDbDataReader)ExecuteDbDataReader(behavior);

    /// <summary>
    /// Runs the command on a pool thread; cancelling <paramref name="cancellationToken"/> interrupts the running query
    /// in DuckDB, and the task ends with <see cref="OperationCanceledException"/>. The connection stays usable.
    /// </summary>
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        RunAsync(token => NonQuery(token), cancellationToken);

    /// <inheritdoc cref="ExecuteNonQueryAsync(CancellationToken)"/>
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        RunAsync(token => Scalar(token), cancellationToken);

    /// <inheritdoc cref="ExecuteReaderAsync(CommandBehavior, CancellationToken)"/>
    public new Task<DuckDbDataReader> ExecuteReaderAsync() => ExecuteReaderAsync(CommandBehavior.Default, CancellationToken.None);

    /// <inheritdoc cref="ExecuteReaderAsync(CommandBehavior, CancellationToken)"/>
    public new Task<DuckDbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) =>
        ExecuteReaderAsync(CommandBehavior.Default, cancellationToken);

    /// <inheritdoc cref="ExecuteReaderAsync(CommandBehavior, CancellationToken)"/>
    public new Task<DuckDbDataReader> ExecuteReaderAsync(CommandBehavior behavior) => ExecuteReaderAsync(behavior, CancellationToken.None);

    /// <summary>
    /// Runs the query on a pool thread and returns a reader over its result. Cancelling
    /// <paramref name="cancellationToken"/> interrupts the query while it runs, and stops the reader's reads after.
    /// </summary>
    public new Task<DuckDbDataReader> ExecuteReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        RunAsync(token => Reader(behavior, token), cancellationToken);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        await ExecuteReaderAsync(behavior, cancellationToken).ConfigureAwait(false);

    public override void Prepare()
    {
        // Statements are prepared on execution; nothing to do ahead of time.
    }

    protected override DbParameter CreateDbParameter() => new DuckDbParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Reader(behavior, CancellationToken.None);

    private int NonQuery(CancellationToken cancellationToken)
    {
        using var cts = Limit(cancellationToken);
        var changed = OpenConnection().Execute(_text, Parameters.ToBindings(), cts?.Token ?? cancellationToken);
        return changed < 0 ? -1 : (int)Math.Min(changed, int.MaxValue);
    }

    private object? Scalar(CancellationToken cancellationToken)
    {
        using var cts = Limit(cancellationToken);
        var frame = OpenConnection().Query(_text, Parameters.ToBindings(), cts?.Token ?? cancellationToken);
        return frame.ColumnCount == 0 || frame.RowCount == 0 ? null : frame[0].GetValue(0) ?? DBNull.Value;
    }

    private DuckDbDataReader Reader(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var connection = OpenConnection();
        // The timeout and the caller's token cover executing and reading: the reader owns the token source and
        // disposes it on close.
        var cts = Limit(cancellationToken);
        try
        {
            var reader = connection.QueryStreaming(_text, Parameters.ToBindings(), cts?.Token ?? default);
            return new DuckDbDataReader(reader, behavior.HasFlag(CommandBehavior.CloseConnection) ? connection : null, cts);
        }
        catch
        {
            cts?.Dispose();
            throw;
        }
    }

    private DuckDbConnection OpenConnection()
    {
        var connection = Connection ?? throw new InvalidOperationException("The command has no connection.");
        return connection.State == ConnectionState.Open ? connection : throw new InvalidOperationException("The command's connection is not open.");
    }

    /// <summary>A token source for the command's timeout and the caller's token together; null when there is neither.</summary>
    private CancellationTokenSource? Limit(CancellationToken cancellationToken)
    {
        if (CommandTimeout <= 0 && !cancellationToken.CanBeCanceled) return null;
        var cts = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : new CancellationTokenSource();
        if (CommandTimeout > 0) cts.CancelAfter(TimeSpan.FromSeconds(CommandTimeout));
        return cts;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pool thread with the caller's token; an interruption it asked for ends the task
    /// as cancelled by that token.
    /// </summary>
    private static Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        return Task.Run(() =>
        {
            try
            {
                return work(cancellationToken);
            }
            catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && e.CancellationToken != cancellationToken)
            {
                throw new OperationCanceledException(e.Message, e, cancellationToken);
            }
        }, cancellationToken);
    }
}
