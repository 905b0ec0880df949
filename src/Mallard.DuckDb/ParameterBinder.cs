using System.Data.SqlTypes;
using System.Globalization;
using System.Numerics;
using System.Text;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb;

/// <summary>Binds .NET values to prepared-statement parameters with DuckDB's typed bind functions. Values are never spliced into SQL.</summary>
internal static unsafe class ParameterBinder
{
    public static void Bind(PreparedStatementHandle statement, ulong index, object? value, string label)
    {
        var state = value switch
        {
            null or DBNull => NativeMethods.BindNull(statement, index),
            bool v => NativeMethods.BindBoolean(statement, index, v),
            sbyte v => NativeMethods.BindInt8(statement, index, v),
            short v => NativeMethods.BindInt16(statement, index, v),
            int v => NativeMethods.BindInt32(statement, index, v),
            long v => NativeMethods.BindInt64(statement, index, v),
            byte v => NativeMethods.BindUInt8(statement, index, v),
            ushort v => NativeMethods.BindUInt16(statement, index, v),
            uint v => NativeMethods.BindUInt32(statement, index, v),
            ulong v => NativeMethods.BindUInt64(statement, index, v),
            Int128 v => NativeMethods.BindHugeInt(statement, index, new DuckDbHugeInt(v)),
            UInt128 v => NativeMethods.BindUHugeInt(statement, index, new DuckDbUHugeInt(v)),
            BigInteger v when v >= (BigInteger)Int128.MinValue && v <= (BigInteger)Int128.MaxValue => NativeMethods.BindHugeInt(statement, index, new DuckDbHugeInt((Int128)v)),
            float v => NativeMethods.BindFloat(statement, index, v),
            double v => NativeMethods.BindDouble(statement, index, v),
            decimal v => NativeMethods.BindDecimal(statement, index, ToDuckDbDecimal(v)),
            SqlDecimal v => NativeMethods.BindDecimal(statement, index, ToDuckDbDecimal(v)),
            string v => BindString(statement, index, v),
            char v => BindString(statement, index, v.ToString()),
            byte[] v => BindBlob(statement, index, v),
            ReadOnlyMemory<byte> v => BindBlob(statement, index, v.Span),
            DateOnly v => NativeMethods.BindDate(statement, index, v.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
            DateTime v => NativeMethods.BindTimestamp(statement, index, MicrosSinceEpoch(v.Ticks)),
            DateTimeOffset v => NativeMethods.BindTimestampTz(statement, index, MicrosSinceEpoch(v.UtcTicks)),
            TimeOnly v => NativeMethods.BindTime(statement, index, v.Ticks / TimeSpan.TicksPerMicrosecond),
            TimeSpan v => NativeMethods.BindInterval(statement, index, ToInterval(Interval.FromTimeSpan(v))),
            Interval v => NativeMethods.BindInterval(statement, index, ToInterval(v)),
            Guid v => BindUuid(statement, index, v),
            Enum v => BindString(statement, index, v.ToString()),
            System.Collections.IEnumerable v when ListParameter.IsList(v) => ListParameter.Bind(statement, index, v, label),
            _ => throw new NotSupportedException(
                $"Parameter {label} is a {value.GetType().Name}, which Mallard cannot bind. Bind a number, string, bool, decimal, date/time, Guid, byte[], null, or an array or list of these (convert other values first)."),
        };
        if (state != DuckDbState.Success)
            throw new DuckDbException($"DuckDB could not bind parameter {label} ({value?.GetType().Name ?? "null"}): the value does not fit the parameter's type.", DuckDbErrorType.MismatchType);
    }

    private static DuckDbState BindString(PreparedStatementHandle statement, ulong index, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Span<byte> buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(value, buffer);
        fixed (byte* p = buffer) return NativeMethods.BindVarcharLength(statement, index, p, (ulong)length);
    }

    private static DuckDbState BindBlob(PreparedStatementHandle statement, ulong index, ReadOnlySpan<byte> value)
    {
        // A pointer into an empty span may be null; DuckDB wants a valid one.
        byte empty = 0;
        fixed (byte* p = value) return NativeMethods.BindBlob(statement, index, value.IsEmpty ? &empty : p, (ulong)value.Length);
    }

    private static DuckDbState BindUuid(PreparedStatementHandle statement, ulong index, Guid value)
    {
        var native = CreateUuid(value);
        try
        {
            return NativeMethods.BindValue(statement, index, native);
        }
        finally
        {
            NativeMethods.DestroyValue(ref native);
        }
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

    /// <summary>Whole microseconds since 1970, rounded down (toward the past) also before 1970.</summary>
    internal static long MicrosSinceEpoch(long ticks) => Math.DivRem(ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMicrosecond) switch
    {
        (var q, < 0) => q - 1,
        (var q, _) => q,
    };

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
