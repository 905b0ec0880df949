using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Mallard.Data;

/// <summary>
/// Writes the values of one column as DuckDB's text (what <c>CAST(x AS VARCHAR)</c> gives), invariant of
/// culture. One formatter is chosen per column, so formatting a row costs no type tests and, for the
/// primitive columns, no boxing. A formatter keeps scratch buffers: use it from one thread at a time.
/// </summary>
internal abstract class ValueFormatter
{
    private protected ValueFormatter(Column column) => Column = column;

    public Column Column { get; }

    /// <summary>True for text values (VARCHAR, ENUM), which DuckDB quotes inside nested values when they need it.</summary>
    public virtual bool IsText => false;

    public static ValueFormatter For(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column switch
        {
            PrimitiveColumn<bool> c => new BooleanFormatter(c),
            PrimitiveColumn<sbyte> c => new NumberFormatter<sbyte>(c),
            PrimitiveColumn<short> c => new NumberFormatter<short>(c),
            PrimitiveColumn<int> c => new NumberFormatter<int>(c),
            PrimitiveColumn<long> c => new NumberFormatter<long>(c),
            PrimitiveColumn<byte> c => new NumberFormatter<byte>(c),
            PrimitiveColumn<ushort> c => new NumberFormatter<ushort>(c),
            PrimitiveColumn<uint> c => new NumberFormatter<uint>(c),
            PrimitiveColumn<ulong> c => new NumberFormatter<ulong>(c),
            PrimitiveColumn<Int128> c => new NumberFormatter<Int128>(c),
            PrimitiveColumn<UInt128> c => new NumberFormatter<UInt128>(c),
            PrimitiveColumn<float> c => new FloatFormatter(c),
            PrimitiveColumn<double> c => new DoubleFormatter(c),
            PrimitiveColumn<Guid> c => new GuidFormatter(c),
            PrimitiveColumn<Interval> c => new IntervalFormatter(c),
            DecimalColumn c => new DecimalFormatter(c),
            StringColumn c => new StringFormatter(c),
            BlobColumn c => new BlobFormatter(c),
            EnumColumn c => new EnumFormatter(c),
            DateColumn c => new DateFormatter(c),
            TimeColumn c => new TimeFormatter(c),
            TimeTzColumn c => new TimeTzFormatter(c),
            TimestampColumn c => new TimestampFormatter(c),
            ListColumn c => new ListFormatter(c),
            StructColumn c => new StructFormatter(c),
            MapColumn c => new MapFormatter(c),
            _ => new FallbackFormatter(column),
        };
    }

    /// <summary>Appends the text of <paramref name="row"/>, which the caller has checked is not NULL.</summary>
    public abstract void Append(StringBuilder builder, int row);

    /// <summary>Appends the text of a row of a child column inside a nested value: NULL spelled out, text quoted when needed.</summary>
    private protected static void AppendNested(StringBuilder builder, ValueFormatter child, int row)
    {
        if (child.Column.IsNull(row))
        {
            builder.Append("NULL");
            return;
        }
        if (!child.IsText)
        {
            child.Append(builder, row);
            return;
        }
        var start = builder.Length;
        child.Append(builder, row);
        if (!NeedsNestedQuotes(builder, start)) return;
        for (var i = builder.Length - 1; i >= start; i--)
            if (builder[i] is '\'' or '\\') builder.Insert(i, '\\');
        builder.Insert(start, '\'').Append('\'');
    }

    /// <summary>Appends text quoted with single quotes as DuckDB writes struct field names: <c>'a'</c>, <c>'it\'s'</c>.</summary>
    private protected static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('\'');
        foreach (var c in text)
        {
            if (c is '\'' or '\\') builder.Append('\\');
            builder.Append(c);
        }
        builder.Append('\'');
    }

    // DuckDB quotes a string inside a LIST, STRUCT or MAP when it is empty, starts or ends with white
    // space, reads as null, or holds one of the characters that delimit nested values.
    private static bool NeedsNestedQuotes(StringBuilder builder, int start)
    {
        var length = builder.Length - start;
        if (length == 0) return true;
        if (IsSpace(builder[start]) || IsSpace(builder[^1])) return true;
        if (length == 4
            && char.ToLowerInvariant(builder[start]) == 'n'
            && char.ToLowerInvariant(builder[start + 1]) == 'u'
            && char.ToLowerInvariant(builder[start + 2]) == 'l'
            && char.ToLowerInvariant(builder[start + 3]) == 'l')
        {
            return true;
        }
        for (var i = start; i < builder.Length; i++)
            if (builder[i] is '"' or '\'' or '(' or ')' or ',' or ':' or '=' or '[' or ']' or '{' or '}') return true;
        return false;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>Appends a number of fractional digits (of <paramref name="digits"/> in all) with trailing zeros dropped, after a point; nothing for zero.</summary>
    private protected static void AppendFraction(StringBuilder builder, long fraction, int digits)
    {
        if (fraction == 0) return;
        Span<char> buffer = stackalloc char[digits];
        for (var i = digits - 1; i >= 0; i--)
        {
            buffer[i] = (char)('0' + (int)(fraction % 10));
            fraction /= 10;
        }
        var end = digits;
        while (end > 0 && buffer[end - 1] == '0') end--;
        builder.Append('.').Append(buffer[..end]);
    }

    private protected static void Append2(StringBuilder builder, long value) =>
        builder.Append((char)('0' + (int)(value / 10))).Append((char)('0' + (int)(value % 10)));

    /// <summary>Appends <c>HH:mm:ss[.fraction]</c> for a time of day in units of 10^-<paramref name="digits"/> seconds.</summary>
    private protected static void AppendClock(StringBuilder builder, long units, long unitsPerSecond, int digits)
    {
        var seconds = units / unitsPerSecond;
        var fraction = units % unitsPerSecond;
        Append2(builder, seconds / 3600);
        builder.Append(':');
        Append2(builder, seconds / 60 % 60);
        builder.Append(':');
        Append2(builder, seconds % 60);
        AppendFraction(builder, fraction, digits);
    }

    /// <summary>Appends a date given as days since 1970-01-01 as DuckDB writes it: <c>yyyy-MM-dd</c>, <c>(BC)</c> before year 1.</summary>
    private protected static void AppendDate(StringBuilder builder, long days)
    {
        // Civil date from a day count (proleptic Gregorian calendar), valid for any 32-bit day count.
        var z = days + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var mp = (5 * dayOfYear + 2) / 153;
        var day = dayOfYear - (153 * mp + 2) / 5 + 1;
        var month = mp < 10 ? mp + 3 : mp - 9;
        var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        var beforeChrist = year <= 0;
        if (beforeChrist) year = 1 - year;
        Span<char> digits = stackalloc char[20];
        year.TryFormat(digits, out var written, "0000", CultureInfo.InvariantCulture);
        builder.Append(digits[..written]).Append('-');
        Append2(builder, month);
        builder.Append('-');
        Append2(builder, day);
        if (beforeChrist) builder.Append(" (BC)");
    }

    /// <summary>Appends a double as DuckDB writes it: the shortest text that reads back as the same value, <c>1.0</c> rather than <c>1</c>, exponent form outside 1e-4..1e16.</summary>
    private protected static void AppendFloating(StringBuilder builder, double value, bool single)
    {
        if (double.IsNaN(value))
        {
            builder.Append("nan");
            return;
        }
        if (double.IsInfinity(value))
        {
            builder.Append(value > 0 ? "inf" : "-inf");
            return;
        }
        Span<char> text = stackalloc char[64];
        int written;
        // .NET's "R" gives the shortest text that reads back as the same float or double.
        if (single) ((float)value).TryFormat(text, out written, "R", CultureInfo.InvariantCulture);
        else value.TryFormat(text, out written, "R", CultureInfo.InvariantCulture);
        WriteShortest(builder, text[..written]);
    }

    // Rewrites .NET's round-trip text (fixed "123.45" or scientific "1.2345E+20") in DuckDB's layout.
    private static void WriteShortest(StringBuilder builder, ReadOnlySpan<char> text)
    {
        var negative = text[0] == '-';
        if (negative) text = text[1..];
        var e = text.IndexOfAny('E', 'e');
        var exponent = 0;
        var mantissa = text;
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text[..e];
        }
        Span<char> digits = stackalloc char[mantissa.Length];
        var count = 0;
        var point = -1;
        foreach (var c in mantissa)
        {
            if (c == '.') point = count;
            else digits[count++] = c;
        }
        if (point < 0) point = count;
        // Strip leading zeros (moving the point) and trailing zeros.
        var first = 0;
        while (first < count - 1 && digits[first] == '0')
        {
            first++;
            point--;
        }
        var last = count;
        while (last > first + 1 && digits[last - 1] == '0') last--;
        var significant = digits[first..last];
        if (significant is ['0'])
        {
            builder.Append(negative ? "-0.0" : "0.0");
            return;
        }
        // Scientific exponent: value = d.ddd × 10^sci.
        var sci = exponent + point - 1;
        if (negative) builder.Append('-');
        if (sci < -4 || sci >= 16)
        {
            builder.Append(significant[0]);
            if (significant.Length > 1) builder.Append('.').Append(significant[1..]);
            builder.Append('e').Append(sci < 0 ? '-' : '+');
            var magnitude = Math.Abs(sci);
            if (magnitude < 10) builder.Append('0');
            builder.Append(magnitude);
            return;
        }
        if (sci < 0)
        {
            builder.Append("0.").Append('0', -sci - 1).Append(significant);
            return;
        }
        var whole = sci + 1;
        if (significant.Length <= whole)
        {
            builder.Append(significant).Append('0', whole - significant.Length).Append(".0");
            return;
        }
        builder.Append(significant[..whole]).Append('.').Append(significant[whole..]);
    }

    private sealed class BooleanFormatter(PrimitiveColumn<bool> column) : ValueFormatter(column)
    {
        private readonly bool[] _values = column.RawArray;

        public override void Append(StringBuilder builder, int row) => builder.Append(_values[row] ? "true" : "false");
    }

    private sealed class NumberFormatter<T>(PrimitiveColumn<T> column) : ValueFormatter(column)
        where T : unmanaged, IBinaryInteger<T>
    {
        private readonly T[] _values = column.RawArray;

        public override void Append(StringBuilder builder, int row)
        {
            Span<char> buffer = stackalloc char[48];
            _values[row].TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
            builder.Append(buffer[..written]);
        }
    }

    private sealed class FloatFormatter(PrimitiveColumn<float> column) : ValueFormatter(column)
    {
        private readonly float[] _values = column.RawArray;

        public override void Append(StringBuilder builder, int row) => AppendFloating(builder, _values[row], single: true);
    }

    private sealed class DoubleFormatter(PrimitiveColumn<double> column) : ValueFormatter(column)
    {
        private readonly double[] _values = column.RawArray;

        public override void Append(StringBuilder builder, int row) => AppendFloating(builder, _values[row], single: false);
    }

    private sealed class GuidFormatter(PrimitiveColumn<Guid> column) : ValueFormatter(column)
    {
        private readonly Guid[] _values = column.RawArray;

        public override void Append(StringBuilder builder, int row)
        {
            Span<char> buffer = stackalloc char[36];
            _values[row].TryFormat(buffer, out var written, "D");
            builder.Append(buffer[..written]);
        }
    }

    private sealed class IntervalFormatter(PrimitiveColumn<Interval> column) : ValueFormatter(column)
    {
        private readonly Interval[] _values = column.RawArray;

        public override void Append(StringBuilder builder, int row) => builder.Append(_values[row].ToString());
    }

    private sealed class DecimalFormatter(DecimalColumn column) : ValueFormatter(column)
    {
        private readonly long[]? _small = column.SmallArray;
        private readonly Int128[]? _large = column.LargeArray;
        private readonly int _scale = column.Scale;

        public override void Append(StringBuilder builder, int row)
        {
            var unscaled = _small is not null ? _small[row] : _large![row];
            var negative = unscaled < 0;
            var magnitude = negative ? (UInt128)(-unscaled) : (UInt128)unscaled;
            Span<char> digits = stackalloc char[48];
            magnitude.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
            if (negative) builder.Append('-');
            if (_scale == 0)
            {
                builder.Append(digits[..written]);
                return;
            }
            if (written <= _scale)
            {
                builder.Append("0.").Append('0', _scale - written).Append(digits[..written]);
                return;
            }
            builder.Append(digits[..(written - _scale)]).Append('.').Append(digits[(written - _scale)..written]);
        }
    }

    private sealed class StringFormatter(StringColumn column) : ValueFormatter(column)
    {
        private readonly byte[] _data = column.DataArray;
        private readonly int[] _offsets = column.OffsetArray;

        public override bool IsText => true;

        public override void Append(StringBuilder builder, int row) =>
            AppendUtf8(builder, _data.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]));
    }

    private static void AppendUtf8(StringBuilder builder, ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= 256)
        {
            Span<char> chars = stackalloc char[256];
            var n = Encoding.UTF8.GetChars(utf8, chars);
            builder.Append(chars[..n]);
            return;
        }
        var rented = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length));
        var count = Encoding.UTF8.GetChars(utf8, rented);
        builder.Append(rented, 0, count);
        ArrayPool<char>.Shared.Return(rented);
    }

    private sealed class BlobFormatter(BlobColumn column) : ValueFormatter(column)
    {
        private readonly byte[] _data = column.DataArray;
        private readonly int[] _offsets = column.OffsetArray;

        public override void Append(StringBuilder builder, int row)
        {
            for (var i = _offsets[row]; i < _offsets[row + 1]; i++)
            {
                var b = _data[i];
                if (b is >= 32 and <= 126 and not (byte)'\\' and not (byte)'\'' and not (byte)'"')
                {
                    builder.Append((char)b);
                    continue;
                }
                builder.Append("\\x").Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }

        private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
    }

    private sealed class EnumFormatter(EnumColumn column) : ValueFormatter(column)
    {
        private readonly uint[] _codes = column.RawArray;
        private readonly IReadOnlyList<string> _labels = column.Dictionary;

        public override bool IsText => true;

        public override void Append(StringBuilder builder, int row) => builder.Append(_labels[(int)_codes[row]]);
    }

    private sealed class DateFormatter(DateColumn column) : ValueFormatter(column)
    {
        private readonly int[] _days = column.RawArray;

        public override void Append(StringBuilder builder, int row)
        {
            var days = _days[row];
            if (days == DateColumn.PositiveInfinity) builder.Append("infinity");
            else if (days == DateColumn.NegativeInfinity) builder.Append("-infinity");
            else AppendDate(builder, days);
        }
    }

    private sealed class TimeFormatter(TimeColumn column) : ValueFormatter(column)
    {
        private readonly long[] _raw = column.RawArray;
        private readonly bool _nanos = column.Type.Unit == TimeUnit.Nanoseconds;

        public override void Append(StringBuilder builder, int row)
        {
            if (_nanos) AppendClock(builder, _raw[row], 1_000_000_000L, 9);
            else AppendClock(builder, _raw[row], 1_000_000L, 6);
        }
    }

    private sealed class TimeTzFormatter(TimeTzColumn column) : ValueFormatter(column)
    {
        private const int MaxOffsetSeconds = 16 * 60 * 60 - 1;
        private readonly ulong[] _raw = column.RawArray;

        public override void Append(StringBuilder builder, int row)
        {
            var bits = _raw[row];
            AppendClock(builder, (long)(bits >> 24), 1_000_000L, 6);
            var offset = MaxOffsetSeconds - (int)(bits & 0xFFFFFF);
            builder.Append(offset < 0 ? '-' : '+');
            offset = Math.Abs(offset);
            Append2(builder, offset / 3600);
            if (offset % 3600 == 0) return;
            builder.Append(':');
            Append2(builder, offset / 60 % 60);
            if (offset % 60 == 0) return;
            builder.Append(':');
            Append2(builder, offset % 60);
        }
    }

    private sealed class TimestampFormatter : ValueFormatter
    {
        private readonly long[] _raw;
        private readonly long _unitsPerSecond;
        private readonly int _digits;
        private readonly bool _withTimeZone;

        public TimestampFormatter(TimestampColumn column)
            : base(column)
        {
            _raw = column.RawArray;
            _withTimeZone = column.HasTimeZone;
            (_unitsPerSecond, _digits) = column.Type.Unit switch
            {
                TimeUnit.Seconds => (1L, 0),
                TimeUnit.Milliseconds => (1_000L, 3),
                TimeUnit.Nanoseconds => (1_000_000_000L, 9),
                _ => (1_000_000L, 6),
            };
        }

        public override void Append(StringBuilder builder, int row)
        {
            var raw = _raw[row];
            if (raw == TimestampColumn.PositiveInfinity)
            {
                builder.Append("infinity");
                return;
            }
            if (raw == TimestampColumn.NegativeInfinity)
            {
                builder.Append("-infinity");
                return;
            }
            var unitsPerDay = _unitsPerSecond * 86_400;
            var days = Math.DivRem(raw, unitsPerDay, out var timeOfDay);
            if (timeOfDay < 0)
            {
                days--;
                timeOfDay += unitsPerDay;
            }
            AppendDate(builder, days);
            builder.Append(' ');
            AppendClock(builder, timeOfDay, _unitsPerSecond, _digits);
            if (_withTimeZone) builder.Append("+00");
        }
    }

    private sealed class ListFormatter(ListColumn column) : ValueFormatter(column)
    {
        private readonly ListColumn _list = column;
        private readonly ValueFormatter _elements = For(column.Elements);

        public override void Append(StringBuilder builder, int row)
        {
            var (start, count) = _list.GetRange(row);
            builder.Append('[');
            for (var i = 0; i < count; i++)
            {
                if (i > 0) builder.Append(", ");
                AppendNested(builder, _elements, start + i);
            }
            builder.Append(']');
        }
    }

    private sealed class StructFormatter(StructColumn column) : ValueFormatter(column)
    {
        private readonly IReadOnlyList<StructField> _fieldTypes = column.Type.Fields;
        private readonly ValueFormatter[] _fields = [.. column.Fields.Select(For)];

        public override void Append(StringBuilder builder, int row)
        {
            builder.Append('{');
            for (var f = 0; f < _fields.Length; f++)
            {
                if (f > 0) builder.Append(", ");
                AppendQuoted(builder, _fieldTypes[f].Name);
                builder.Append(": ");
                AppendNested(builder, _fields[f], row);
            }
            builder.Append('}');
        }
    }

    private sealed class MapFormatter(MapColumn column) : ValueFormatter(column)
    {
        private readonly int[] _offsets = [.. column.Offsets];
        private readonly ValueFormatter _keys = For(column.Keys);
        private readonly ValueFormatter _values = For(column.Values);

        public override void Append(StringBuilder builder, int row)
        {
            builder.Append('{');
            for (var e = _offsets[row]; e < _offsets[row + 1]; e++)
            {
                if (e > _offsets[row]) builder.Append(", ");
                AppendNested(builder, _keys, e);
                builder.Append('=');
                AppendNested(builder, _values, e);
            }
            builder.Append('}');
        }
    }

    private sealed class FallbackFormatter(Column column) : ValueFormatter(column)
    {
        public override void Append(StringBuilder builder, int row) =>
            builder.Append(Convert.ToString(Column.GetValue(row), CultureInfo.InvariantCulture));
    }
}
