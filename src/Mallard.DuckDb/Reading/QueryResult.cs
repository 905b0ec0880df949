using System.Runtime.InteropServices;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>An executed statement's result: its schema, and its chunks read into frames.</summary>
internal sealed unsafe class QueryResult : IDisposable
{
    private readonly ResultHandle _handle;
    private readonly DuckDbConnection _connection;
    private readonly string _sql;
    private readonly bool _streaming;

    public QueryResult(ResultHandle handle, DuckDbConnection connection, string sql, bool streaming)
    {
        _streaming = streaming;
        _handle = handle;
        _connection = connection;
        _sql = sql;
        var result = handle.Result;
        var count = (int)NativeMethods.ColumnCount(result);
        Names = new string[count];
        Specs = new ColumnSpec[count];
        for (var i = 0; i < count; i++)
        {
            Names[i] = Marshal.PtrToStringUTF8((nint)NativeMethods.ColumnName(result, (ulong)i)) ?? "";
            using var type = new LogicalTypeScope(NativeMethods.ColumnLogicalType(result, (ulong)i));
            Specs[i] = ColumnSpec.Read(type.Native, Names[i]);
        }
        ReturnType = NativeMethods.ResultReturnType(*result);
        RowsChanged = ReturnType == DuckDbResultType.ChangedRows ? (long)NativeMethods.RowsChanged(result) : -1;
    }

    public string[] Names { get; }

    public ColumnSpec[] Specs { get; }

    public DuckDbResultType ReturnType { get; }

    /// <summary>Rows inserted, updated or deleted, or -1 for a query.</summary>
    public long RowsChanged { get; }

    public bool IsDisposed => _handle.IsClosed;

    /// <summary>The next chunk, or null at the end; a failure (an interrupt among them) throws.</summary>
    public DataChunkHandle? Fetch()
    {
        var chunk = NativeMethods.FetchChunk(*_handle.Result);
        if (chunk != nint.Zero) return new DataChunkHandle(chunk);
        var error = NativeMethods.ResultError(_handle.Result);
        if (error is not null)
            throw ErrorMapper.FromMessage(Marshal.PtrToStringUTF8((nint)error) ?? "", NativeMethods.ResultErrorType(_handle.Result), _sql);
        return null;
    }

    /// <summary>
    /// Reads every remaining chunk into one frame. A materialised result knows its row count, so each
    /// column's buffers are allocated once at their final size and every chunk is copied and freed as it
    /// arrives; text buffers are sized from the first chunk's bytes per row and grow only if later rows are
    /// longer. A streaming result's buffers grow as chunks arrive. <paramref name="throwIfCancelled"/> runs before
    /// each chunk: DuckDB's interrupt stops a query, not the copying of a result it has finished.
    /// </summary>
    public Frame ReadAll(Action? throwIfCancelled = null)
    {
        var expected = _streaming ? -1L : (long)NativeMethods.RowCount(_handle.Result);
        if (expected > Array.MaxLength)
            throw new NotSupportedException($"The result has {expected:N0} rows, more than a frame holds ({Array.MaxLength:N0}); read it with a streaming reader.");
        var builders = NewBuilders();
        if (expected > 0)
            foreach (var builder in builders) builder.Reserve((int)expected);
        var first = true;
        while (true)
        {
            throwIfCancelled?.Invoke();
            if (Fetch() is not { } chunk) break;
            using (chunk)
            {
                var rows = (int)NativeMethods.DataChunkGetSize(chunk.Chunk);
                if (first && expected > rows)
                {
                    for (var c = 0; c < builders.Length; c++)
                        if (builders[c] is VarLengthBuilder text) text.Estimate(NativeMethods.DataChunkGetVector(chunk.Chunk, (ulong)c), rows, expected);
                }
                first = false;
                if ((builders.Length > 0 ? (long)builders[0].Count : 0L) + rows > Array.MaxLength)
                    throw new NotSupportedException($"The result has more rows than a frame holds ({Array.MaxLength:N0}); read it with a streaming reader.");
                for (var c = 0; c < builders.Length; c++) builders[c].Append(NativeMethods.DataChunkGetVector(chunk.Chunk, (ulong)c), 0, rows);
            }
        }
        return Finish(builders);
    }

    /// <summary>One chunk as a frame (streaming).</summary>
    public Frame ReadChunk(DataChunkHandle chunk) => Build(chunk);

    /// <summary>A frame of one chunk, its text measured first so every buffer is allocated once; no chunk gives an empty frame.</summary>
    private Frame Build(DataChunkHandle? chunk)
    {
        var rows = chunk is null ? 0 : (int)NativeMethods.DataChunkGetSize(chunk.Chunk);
        var builders = NewBuilders();
        for (var c = 0; c < builders.Length; c++)
        {
            if (chunk is not null && builders[c] is VarLengthBuilder) builders[c].Measure(NativeMethods.DataChunkGetVector(chunk.Chunk, (ulong)c), 0, rows);
            builders[c].Reserve(rows);
            if (chunk is not null) builders[c].Append(NativeMethods.DataChunkGetVector(chunk.Chunk, (ulong)c), 0, rows);
        }
        return Finish(builders);
    }

    private ColumnBuilder[] NewBuilders() => [.. Specs.Select(ColumnBuilder.For)];

    private Frame Finish(ColumnBuilder[] builders)
    {
        var columns = new Column[builders.Length];
        for (var c = 0; c < columns.Length; c++) columns[c] = builders[c].Build(Names[c]);
        return new Frame(columns);
    }

    /// <summary>An empty frame with this result's schema.</summary>
    public Frame EmptyFrame() => Build(null);

    public void Dispose() => _handle.Dispose();
}
