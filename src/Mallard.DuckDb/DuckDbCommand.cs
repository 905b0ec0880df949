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

    public override int ExecuteNonQuery()
    {
        using var cts = Timeout();
        var changed = OpenConnection().Execute(_text, Parameters.ToBindings(), cts?.Token ?? default);
        return changed < 0 ? -1 : (int)Math.Min(changed, int.MaxValue);
    }

    public override object? ExecuteScalar()
    {
        using var cts = Timeout();
        var frame = OpenConnection().Query(_text, Parameters.ToBindings(), cts?.Token ?? default);
        return frame.ColumnCount == 0 || frame.RowCount == 0 ? null : frame[0].GetValue(0) ?? DBNull.Value;
    }

    public new DuckDbDataReader ExecuteReader() => (DuckDbDataReader)ExecuteDbDataReader(CommandBehavior.Default);

    public override void Prepare()
    {
        // Statements are prepared on execution; nothing to do ahead of time.
    }

    protected override DbParameter CreateDbParameter() => new DuckDbParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var connection = OpenConnection();
        // The timeout covers executing and reading: the reader owns the token source and disposes it on close.
        var cts = Timeout();
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

    private CancellationTokenSource? Timeout() => CommandTimeout > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(CommandTimeout)) : null;
}
