using Mallard.Data;

namespace Mallard.DuckDb;

// The Frame API: queries read straight into frames, streamed chunk by chunk, prepared statements and appenders.
public sealed partial class DuckDbConnection
{
    /// <summary>Runs one statement or a script of several; every statement runs and the last one's result is returned.</summary>
    public Frame Query(string sql, CancellationToken cancellationToken = default) => Query(sql, null, cancellationToken);

    /// <summary>
    /// Runs SQL with parameters: a list binds positional parameters (<c>?</c>, <c>$1</c>), a dictionary (or any
    /// <see cref="IEnumerable{T}"/> of name/value pairs) binds named ones (<c>$name</c>). In a script, each
    /// statement that has parameters gets them.
    /// </summary>
    public Frame Query(string sql, object? parameters, CancellationToken cancellationToken = default)
    {
        // Busy from execution through reading, so no other thread slips in between.
        EnterBusy();
        try
        {
            using var result = RunScript(sql, parameters, cancellationToken);
            return ReadAllGuarded(result, cancellationToken);
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <summary>Runs SQL and returns the number of rows the last statement changed (-1 for a query).</summary>
    public long Execute(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        using var result = RunScript(sql, parameters, cancellationToken);
        return result.RowsChanged;
    }

    /// <summary>Runs SQL and streams the last statement's result chunk by chunk, for results too large to hold.</summary>
    public DuckDbResultReader QueryStreaming(string sql, CancellationToken cancellationToken = default) => QueryStreaming(sql, null, cancellationToken);

    public DuckDbResultReader QueryStreaming(string sql, object? parameters, CancellationToken cancellationToken = default)
    {
        return StartReader(RunScript(sql, parameters, cancellationToken, streaming: true));
    }

    /// <summary>Prepares one statement for repeated execution with new parameter values.</summary>
    public DuckDbPreparedStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ThrowIfReaderOpen();
        EnterBusy();
        try
        {
            return new DuckDbPreparedStatement(this, PrepareSingle(sql), sql);
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <summary>An appender that bulk-loads rows into <paramref name="table"/>.</summary>
    public DuckDbAppender CreateAppender(string table, string? schema = null, string? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ThrowIfReaderOpen();
        EnterBusy();
        try
        {
            return DuckDbAppender.Create(this, Handle, catalog, schema, table);
        }
        finally
        {
            ExitBusy();
        }
    }
}
