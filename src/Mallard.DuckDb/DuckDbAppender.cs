using System.Runtime.InteropServices;
using System.Text;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb;

/// <summary>
/// Bulk-loads rows into a table through DuckDB's appender, far faster than INSERT statements. Append values
/// column by column and end each row, or append whole rows or frames; <see cref="Close"/> (or Dispose)
/// flushes. Constraint violations surface at flush or close as a <see cref="DuckDbException"/>.
/// </summary>
public sealed unsafe class DuckDbAppender : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly AppenderHandle _handle;
    private readonly string _table;
    private readonly ConnectionHandle _connectionHandle;
    private bool _closed;
    private bool _faulted;

    private DuckDbAppender(DuckDbConnection connection, ConnectionHandle connectionHandle, AppenderHandle handle, string table, int columnCount)
    {
        _connection = connection;
        _connectionHandle = connectionHandle;
        _handle = handle;
        _table = table;
        ColumnCount = columnCount;
    }

    public int ColumnCount { get; }

    internal static DuckDbAppender Create(DuckDbConnection connection, ConnectionHandle handle, string? catalog, string? schema, string table)
    {
        var state = NativeMethods.AppenderCreateExt(handle, catalog, schema, table, out var native);
        var appender = new AppenderHandle(native, handle);
        var qualified = schema is null ? table : schema + "." + table;
        if (state != DuckDbState.Success)
        {
            var error = TakeError(native, $"DuckDB could not create an appender for table {qualified}");
            appender.Dispose();
            throw error;
        }
        return new DuckDbAppender(connection, handle, appender, qualified, (int)NativeMethods.AppenderColumnCount(appender));
    }

    /// <summary>Appends one value to the current row.</summary>
    public DuckDbAppender Append(object? value)
    {
        var handle = Handle;
        var state = value switch
        {
            null or DBNull => NativeMethods.AppendNull(handle),
            bool v => NativeMethods.AppendBool(handle, v),
            sbyte v => NativeMethods.AppendInt8(handle, v),
            short v => NativeMethods.AppendInt16(handle, v),
            int v => NativeMethods.AppendInt32(handle, v),
            long v => NativeMethods.AppendInt64(handle, v),
            byte v => NativeMethods.AppendUInt8(handle, v),
            ushort v => NativeMethods.AppendUInt16(handle, v),
            uint v => NativeMethods.AppendUInt32(handle, v),
            ulong v => NativeMethods.AppendUInt64(handle, v),
            Int128 v => NativeMethods.AppendHugeInt(handle, new DuckDbHugeInt(v)),
            UInt128 v => NativeMethods.AppendUHugeInt(handle, new DuckDbUHugeInt(v)),
            float v => NativeMethods.AppendFloat(handle, v),
            double v => NativeMethods.AppendDouble(handle, v),
            decimal v => AppendText(handle, v.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            System.Data.SqlTypes.SqlDecimal v => AppendText(handle, v.ToString()),
            string v => AppendText(handle, v),
            byte[] v => AppendBlob(handle, v),
            DateOnly v => NativeMethods.AppendDate(handle, v.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
            DateTime v => NativeMethods.AppendTimestamp(handle, TimestampColumn.MicrosSinceEpoch(v.Ticks)),
            DateTimeOffset v => AppendText(handle, v.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff+00", System.Globalization.CultureInfo.InvariantCulture)),
            TimeOnly v => NativeMethods.AppendTime(handle, v.Ticks / TimeSpan.TicksPerMicrosecond),
            TimeSpan v => AppendInterval(handle, Interval.FromTimeSpan(v)),
            Interval v => AppendInterval(handle, v),
            Guid v => AppendText(handle, v.ToString()),
            Enum v => AppendText(handle, v.ToString()),
            _ => throw new NotSupportedException($"The appender cannot append a {value.GetType().Name}; convert it to a number, string, date/time or byte[]."),
        };
        if (state != DuckDbState.Success) throw Fault(TakeError(handle.DangerousGetHandle(), $"Appending {value ?? "NULL"} to {_table} failed"));
        return this;
    }

    /// <summary>Ends the current row; it must have a value for every column.</summary>
    public void EndRow()
    {
        var handle = Handle;
        if (NativeMethods.AppenderEndRow(handle) != DuckDbState.Success)
            throw Fault(TakeError(handle.DangerousGetHandle(), $"Ending a row of {_table} failed"));
    }

    /// <summary>Appends a whole row.</summary>
    public void AppendRow(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != ColumnCount)
            throw new ArgumentException($"Table {_table} has {ColumnCount} columns; the row has {values.Length} values.", nameof(values));
        foreach (var value in values) Append(value);
        EndRow();
    }

    /// <summary>Appends every row of a frame whose columns match the table's, in order.</summary>
    public void AppendFrame(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.ColumnCount != ColumnCount)
            throw new ArgumentException($"Table {_table} has {ColumnCount} columns; the frame has {frame.ColumnCount}.", nameof(frame));
        for (var row = 0; row < frame.RowCount; row++)
        {
            for (var c = 0; c < frame.ColumnCount; c++) Append(frame[c].GetValue(row));
            EndRow();
        }
    }

    /// <summary>Writes buffered rows to the table.</summary>
    public void Flush()
    {
        var handle = Handle;
        if (NativeMethods.AppenderFlush(handle) != DuckDbState.Success)
            throw Fault(TakeError(handle.DangerousGetHandle(), $"Flushing rows into {_table} failed"));
    }

    /// <summary>Flushes and closes; the appender cannot be used afterwards.</summary>
    public void Close()
    {
        if (_closed) return;
        var handle = Handle;
        _closed = true;
        try
        {
            if (NativeMethods.AppenderClose(handle) != DuckDbState.Success)
                throw TakeError(handle.DangerousGetHandle(), $"Closing the appender of {_table} failed");
        }
        finally
        {
            _handle.Dispose();
        }
    }

    /// <summary>
    /// Closes (flushing) like <see cref="Close"/>. After the appender has already reported an error, or once its
    /// connection is closed, it only destroys the native appender and throws nothing (DuckDB's destroy still tries
    /// to write complete rows and drops its own errors): an exception from Dispose would replace the one already on
    /// its way out of a <c>using</c> block.
    /// </summary>
    public void Dispose()
    {
        if (_closed || _handle.IsClosed) return;
        if (_faulted || !_connection.IsOpenOn(_connectionHandle))
        {
            _closed = true;
            _handle.Dispose();
            return;
        }
        Close();
    }

    private AppenderHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_closed || _handle.IsClosed, this);
            if (!_connection.IsOpenOn(_connectionHandle))
                throw new ObjectDisposedException(nameof(DuckDbConnection), $"The connection the appender of {_table} was created on has been closed.");
            return _handle;
        }
    }

    /// <summary>Remembers that DuckDB has reported an error, after which Dispose must not report it again.</summary>
    private DuckDbException Fault(DuckDbException error)
    {
        _faulted = true;
        return error;
    }

    private static DuckDbState AppendText(AppenderHandle handle, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* p = bytes) return NativeMethods.AppendVarcharLength(handle, p, (ulong)bytes.Length);
    }

    private static DuckDbState AppendBlob(AppenderHandle handle, byte[] value)
    {
        byte empty = 0;
        fixed (byte* p = value) return NativeMethods.AppendBlob(handle, value.Length == 0 ? &empty : p, (ulong)value.Length);
    }

    private static DuckDbState AppendInterval(AppenderHandle handle, Interval value) =>
        NativeMethods.AppendInterval(handle, new DuckDbIntervalStruct { Months = value.Months, Days = value.Days, Micros = value.Micros });

    private static DuckDbException TakeError(nint appender, string what)
    {
        var data = NativeMethods.AppenderErrorData(appender);
        try
        {
            if (data == nint.Zero) return new DuckDbException(what + ".");
            var message = Marshal.PtrToStringUTF8((nint)NativeMethods.ErrorDataMessage(data)) ?? "";
            var (text, _, _) = ErrorMapper.Parse(message);
            return new DuckDbException($"{what}: {text}", NativeMethods.ErrorDataErrorType(data));
        }
        finally
        {
            if (data != nint.Zero) NativeMethods.DestroyErrorData(ref data);
        }
    }
}
