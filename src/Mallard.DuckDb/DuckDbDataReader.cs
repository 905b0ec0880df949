using System.Collections;
using System.Data;
using System.Data.Common;
using Mallard.Data;

namespace Mallard.DuckDb;

/// <summary>An ADO.NET reader over a streaming DuckDB result, one chunk of rows in memory at a time.</summary>
public sealed class DuckDbDataReader : DbDataReader
{
    private readonly DuckDbResultReader _reader;
    private readonly DuckDbConnection? _closeWith;
    private readonly CancellationTokenSource? _timeout;
    private Frame? _chunk;
    private int _row = -1;
    private bool _closed;

    internal DuckDbDataReader(DuckDbResultReader reader, DuckDbConnection? closeWith, CancellationTokenSource? timeout = null)
    {
        _reader = reader;
        _closeWith = closeWith;
        _timeout = timeout;
    }

    private CancellationToken Token => _timeout?.Token ?? default;

    public override int FieldCount => _reader.Schema.ColumnCount;

    public override bool HasRows
    {
        get
        {
            if (_chunk is null && !_closed) _chunk = _reader.ReadChunk(Token);
            return _chunk is { RowCount: > 0 };
        }
    }

    public override bool IsClosed => _closed;

    public override int RecordsAffected => (int)Math.Min(_reader.RowsChanged, int.MaxValue);

    public override int Depth => 0;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read()
    {
        if (_closed) return false;
        _row++;
        while (_chunk is null || _row >= _chunk.RowCount)
        {
            if (_chunk is not null) _row = 0;
            _chunk = _reader.ReadChunk(Token);
            if (_chunk is null) return false;
        }
        return true;
    }

    public override bool NextResult() => false;

    public override string GetName(int ordinal) => _reader.Schema[ordinal].Name;

    public override string GetDataTypeName(int ordinal) => _reader.Schema[ordinal].Type.Name;

    public override Type GetFieldType(int ordinal) => _reader.Schema[ordinal].Type.ClrType;

    public override int GetOrdinal(string name)
    {
        var index = _reader.Schema.IndexOf(name);
        return index >= 0 ? index : throw new IndexOutOfRangeException($"The result has no column '{name}'. Its columns are: {string.Join(", ", _reader.Schema.ColumnNames)}.");
    }

    public override object GetValue(int ordinal) => Current(ordinal).GetValue(_row) ?? DBNull.Value;

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++) values[i] = GetValue(i);
        return n;
    }

    public override bool IsDBNull(int ordinal) => Current(ordinal).IsNull(_row);

    public override T GetFieldValue<T>(int ordinal)
    {
        var column = Current(ordinal);
        if (column.IsNull(_row))
        {
            if (default(T) is null && typeof(T) != typeof(DBNull)) return default!;
            throw new InvalidCastException($"Column '{column.Name}' is NULL in this row; read it as a nullable type or check IsDBNull first.");
        }
        var value = column.GetValue(_row)!;
        if (value is T typed) return typed;
        return (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public override bool GetBoolean(int ordinal) => GetFieldValue<bool>(ordinal);

    public override byte GetByte(int ordinal) => GetFieldValue<byte>(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = ((VarLengthColumn)Current(ordinal)).GetBytes(_row);
        if (buffer is null) return bytes.Length;
        var available = Math.Max(0, bytes.Length - (int)dataOffset);
        var n = Math.Min(available, length);
        bytes.Slice((int)dataOffset, n).CopyTo(buffer.AsSpan(bufferOffset));
        return n;
    }

    public override char GetChar(int ordinal) => GetString(ordinal)[0];

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null) return text.Length;
        var n = Math.Min(Math.Max(0, text.Length - (int)dataOffset), length);
        text.CopyTo((int)dataOffset, buffer, bufferOffset, n);
        return n;
    }

    public override DateTime GetDateTime(int ordinal) => GetFieldValue<DateTime>(ordinal);

    public override decimal GetDecimal(int ordinal) => GetFieldValue<decimal>(ordinal);

    public override double GetDouble(int ordinal) => GetFieldValue<double>(ordinal);

    public override float GetFloat(int ordinal) => GetFieldValue<float>(ordinal);

    public override Guid GetGuid(int ordinal) => GetFieldValue<Guid>(ordinal);

    public override short GetInt16(int ordinal) => GetFieldValue<short>(ordinal);

    public override int GetInt32(int ordinal) => GetFieldValue<int>(ordinal);

    public override long GetInt64(int ordinal) => GetFieldValue<long>(ordinal);

    public override string GetString(int ordinal) => GetFieldValue<string>(ordinal);

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    public override DataTable GetSchemaTable()
    {
        var table = new DataTable("SchemaTable");
        table.Columns.Add(SchemaTableColumn.ColumnName, typeof(string));
        table.Columns.Add(SchemaTableColumn.ColumnOrdinal, typeof(int));
        table.Columns.Add(SchemaTableColumn.ColumnSize, typeof(int));
        table.Columns.Add(SchemaTableColumn.NumericPrecision, typeof(int));
        table.Columns.Add(SchemaTableColumn.NumericScale, typeof(int));
        table.Columns.Add(SchemaTableColumn.DataType, typeof(Type));
        table.Columns.Add("DataTypeName", typeof(string));
        table.Columns.Add(SchemaTableColumn.AllowDBNull, typeof(bool));
        for (var i = 0; i < FieldCount; i++)
        {
            var type = _reader.Schema[i].Type;
            table.Rows.Add(GetName(i), i, -1, type.Kind == DataKind.Decimal ? type.Precision : DBNull.Value, type.Kind == DataKind.Decimal ? type.Scale : DBNull.Value, type.ClrType, type.Name, true);
        }
        return table;
    }

    public override void Close()
    {
        if (_closed) return;
        _closed = true;
        _reader.Dispose();
        _timeout?.Dispose();
        _closeWith?.Close();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        base.Dispose(disposing);
    }

    private Column Current(int ordinal)
    {
        if (_chunk is null || _row < 0 || _row >= _chunk.RowCount)
            throw new InvalidOperationException("There is no current row; call Read() first and check that it returned true.");
        return _chunk[ordinal];
    }
}
