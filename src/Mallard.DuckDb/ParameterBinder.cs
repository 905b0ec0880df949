using System.Data.SqlTypes;
using System.Globalization;
using System.Numerics;
using System.Text;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb;

/// <summary>Binds .NET values to prepared-statement parameters as DuckDB values. Values are never spliced into SQL.</summary>
internal static unsafe class ParameterBinder
{
    public static void Bind(PreparedStatementHandle statement, ulong index, object? value, string label)
    {
        var native = CreateValue(value, "parameter " + label);
        DuckDbState state;
        try
        {
            state = NativeMethods.BindValue(statement, index, native);
        }
        finally
        {
            NativeMethods.DestroyValue(ref native);
        }
        if (state != DuckDbState.Success)
            throw new DuckDbException($"DuckDB could not bind parameter {label} ({value?.GetType().Name ?? "null"}): the value does not fit the parameter's type.", DuckDbErrorType.MismatchType);
    }

    /// <summary>
    /// <paramref name="value"/> as a DuckDB value, which the caller destroys: parameters and the elements of list
    /// parameters take this one path. <paramref name="what"/> names the value in errors ("parameter $x").
    /// </summary>
    internal static nint CreateValue(object? value, string what)
    {
        var native = value switch
        {
            null or DBNull => NativeMethods.CreateNullValue(),
            bool v => NativeMethods.CreateBool(v),
            sbyte v => NativeMethods.CreateInt8(v),
            short v => NativeMethods.CreateInt16(v),
            int v => NativeMethods.CreateInt32(v),
            long v => NativeMethods.CreateInt64(v),
            byte v => NativeMethods.CreateUInt8(v),
            ushort v => NativeMethods.CreateUInt16(v),
            uint v => NativeMethods.CreateUInt32(v),
            ulong v => NativeMethods.CreateUInt64(v),
            Int128 v => NativeMethods.CreateHugeInt(new DuckDbHugeInt(v)),
            UInt128 v => NativeMethods.CreateUHugeInt(new DuckDbUHugeInt(v)),
            BigInteger v when v >= (BigInteger)Int128.MinValue && v <= (BigInteger)Int128.MaxValue => NativeMethods.CreateHugeInt(new DuckDbHugeInt((Int128)v)),
            float v => NativeMethods.CreateFloat(v),
            double v => NativeMethods.CreateDouble(v),
            decimal v => NativeMethods.CreateDecimal(ToDuckDbDecimal(v)),
            SqlDecimal v => NativeMethods.CreateDecimal(ToDuckDbDecimal(v)),
            string v => Varchar(v),
            char v => Varchar(v.ToString()),
            Enum v => Varchar(v.ToString()),
            byte[] v => Blob(v),
            ReadOnlyMemory<byte> v => Blob(v.Span),
            DateOnly v => NativeMethods.CreateDate(v.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
            DateTime v => NativeMethods.CreateTimestamp(TimestampColumn.MicrosSinceEpoch(v.Ticks)),
            DateTimeOffset v => NativeMethods.CreateTimestampTz(TimestampColumn.MicrosSinceEpoch(v.UtcTicks)),
            TimeOnly v => NativeMethods.CreateTime(v.Ticks / TimeSpan.TicksPerMicrosecond),
            TimeSpan v => NativeMethods.CreateInterval(ToInterval(Interval.FromTimeSpan(v))),
            Interval v => NativeMethods.CreateInterval(ToInterval(v)),
            Guid v => CreateUuid(v),
            System.Collections.IEnumerable v when ListParameter.IsList(v) => ListParameter.Create(v, what),
            _ => throw new NotSupportedException(
                $"{Capitalized(what)} is {Mallard.Data.TypeText.WithArticle(value.GetType())}, which Mallard cannot bind. Bind a number, string, bool, decimal, date/time, Guid, byte[], null, or an array or list of these (convert other values first)."),
        };
        return native != 0 ? native : throw new DuckDbException($"DuckDB could not make a value of {what} ({value!.GetType().Name}).", DuckDbErrorType.MismatchType);
    }

    internal static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static nint Varchar(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Span<byte> buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(value, buffer);
        // A pointer into an empty span may be null; DuckDB wants a valid one.
        byte empty = 0;
        fixed (byte* p = buffer) return NativeMethods.CreateVarcharLength(length == 0 ? &empty : p, (ulong)length);
    }

    private static nint Blob(ReadOnlySpan<byte> value)
    {
        byte empty = 0;
        fixed (byte* p = value) return NativeMethods.CreateBlob(value.IsEmpty ? &empty : p, (ulong)value.Length);
    }

    /// <summary>A UUID value (the caller destroys it).</summary>
    internal static nint CreateUuid(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        var upper = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var lower = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        // duckdb_create_uuid takes the UUID's plain 128-bit value (not the sort-flipped storage form).
        return NativeMethods.CreateUuid(new DuckDbUHugeInt(((UInt128)upper << 64) | lower));
    }

    internal static DuckDbIntervalStruct ToInterval(Interval value) => new() { Months = value.Months, Days = value.Days, Micros = value.Micros };

    internal static DuckDbDecimal ToDuckDbDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        var magnitude = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var unscaled = bits[3] < 0 ? -(Int128)magnitude : (Int128)magnitude;
        return new DuckDbDecimal { Width = Width(magnitude, scale), Scale = scale, Value = new DuckDbHugeInt(unscaled) };
    }

    internal static DuckDbDecimal ToDuckDbDecimal(SqlDecimal value)
    {
        var data = value.Data;
        var magnitude = ((UInt128)(uint)data[3] << 96) | ((UInt128)(uint)data[2] << 64) | ((UInt128)(uint)data[1] << 32) | (uint)data[0];
        var unscaled = value.IsPositive ? (Int128)magnitude : -(Int128)magnitude;
        return new DuckDbDecimal { Width = Width(magnitude, value.Scale), Scale = value.Scale, Value = new DuckDbHugeInt(unscaled) };
    }

    private static byte Width(UInt128 magnitude, byte scale)
    {
        var digits = magnitude == 0 ? 1 : magnitude.ToString(CultureInfo.InvariantCulture).Length;
        // DuckDB needs width >= scale and > 0; a width one above the digits keeps every value representable.
        return (byte)Math.Min(38, Math.Max(digits, scale + 1));
    }
}
