using System.Numerics;

namespace Mallard.Data;

/// <summary>
/// Summary statistics of one column: non-NULL count, the rows holding the minimum and maximum (for
/// orderable types) and, for numbers, mean and sample standard deviation. Primitive columns are read as
/// spans, without boxing.
/// </summary>
internal readonly record struct ColumnStatistics(long Count, int MinRow, int MaxRow, double? Mean, double? StdDev)
{
    public static ColumnStatistics Compute(Column column) => column switch
    {
        PrimitiveColumn<bool> c => Booleans(c),
        PrimitiveColumn<sbyte> c => Numbers(c),
        PrimitiveColumn<short> c => Numbers(c),
        PrimitiveColumn<int> c => Numbers(c),
        PrimitiveColumn<long> c => Numbers(c),
        PrimitiveColumn<byte> c => Numbers(c),
        PrimitiveColumn<ushort> c => Numbers(c),
        PrimitiveColumn<uint> c => Numbers(c),
        PrimitiveColumn<ulong> c => Numbers(c),
        PrimitiveColumn<Int128> c => Numbers(c),
        PrimitiveColumn<UInt128> c => Numbers(c),
        PrimitiveColumn<float> c => Numbers(c),
        PrimitiveColumn<double> c => Numbers(c),
        DecimalColumn c => c.SmallArray is { } small ? Decimals(c, small) : Decimals(c, c.LargeArray!),
        DateColumn c => Ordered(c, c.RawArray),
        TimeColumn c => Ordered(c, c.RawArray),
        TimestampColumn c => Ordered(c, c.RawArray),
        EnumColumn c => Ordered(c, c.RawArray),
        StringColumn c => Strings(c),
        _ => new ColumnStatistics(column.Length - column.NullCount, -1, -1, null, null),
    };

    private static ColumnStatistics Numbers<T>(PrimitiveColumn<T> column)
        where T : unmanaged, INumber<T>
    {
        var values = column.RawArray;
        var validity = column.ValidityArray;
        var accumulator = new MeanAccumulator();
        int minRow = -1, maxRow = -1;
        for (var i = 0; i < column.Length; i++)
        {
            if (!Validity.IsValid(validity, i)) continue;
            var v = values[i];
            if (minRow < 0)
            {
                minRow = maxRow = i;
            }
            else
            {
                if (Less(v, values[minRow])) minRow = i;
                if (Less(values[maxRow], v)) maxRow = i;
            }
            accumulator.Add(double.CreateTruncating(v));
        }
        return accumulator.Result(minRow, maxRow, scale: 1);
    }

    // DuckDB orders NaN above every other number.
    private static bool Less<T>(T a, T b)
        where T : INumber<T> => T.IsNaN(b) ? !T.IsNaN(a) : a < b;

    private static ColumnStatistics Decimals<T>(DecimalColumn column, T[] unscaled)
        where T : unmanaged, IBinaryInteger<T>
    {
        var validity = column.ValidityArray;
        var accumulator = new MeanAccumulator();
        int minRow = -1, maxRow = -1;
        for (var i = 0; i < column.Length; i++)
        {
            if (!Validity.IsValid(validity, i)) continue;
            var v = unscaled[i];
            if (minRow < 0) minRow = maxRow = i;
            else
            {
                if (v < unscaled[minRow]) minRow = i;
                if (v > unscaled[maxRow]) maxRow = i;
            }
            accumulator.Add(double.CreateTruncating(v));
        }
        return accumulator.Result(minRow, maxRow, Math.Pow(10, column.Scale));
    }

    private static ColumnStatistics Booleans(PrimitiveColumn<bool> column)
    {
        var values = column.RawArray;
        var validity = column.ValidityArray;
        int firstFalse = -1, firstTrue = -1;
        for (var i = 0; i < column.Length && (firstFalse < 0 || firstTrue < 0); i++)
        {
            if (!Validity.IsValid(validity, i)) continue;
            if (values[i]) firstTrue = firstTrue < 0 ? i : firstTrue;
            else firstFalse = firstFalse < 0 ? i : firstFalse;
        }
        var minRow = firstFalse >= 0 ? firstFalse : firstTrue;
        var maxRow = firstTrue >= 0 ? firstTrue : firstFalse;
        return new ColumnStatistics(column.Length - column.NullCount, minRow, maxRow, null, null);
    }

    private static ColumnStatistics Ordered<T>(Column column, T[] raw)
        where T : unmanaged, IComparisonOperators<T, T, bool>
    {
        var validity = column.ValidityArray;
        int minRow = -1, maxRow = -1;
        for (var i = 0; i < column.Length; i++)
        {
            if (!Validity.IsValid(validity, i)) continue;
            if (minRow < 0) minRow = maxRow = i;
            else
            {
                if (raw[i] < raw[minRow]) minRow = i;
                if (raw[i] > raw[maxRow]) maxRow = i;
            }
        }
        return new ColumnStatistics(column.Length - column.NullCount, minRow, maxRow, null, null);
    }

    // UTF-8 bytes compare in code point order, which is how DuckDB orders text.
    private static ColumnStatistics Strings(StringColumn column)
    {
        var data = column.DataArray;
        var offsets = column.OffsetArray;
        var validity = column.ValidityArray;
        int minRow = -1, maxRow = -1;
        ReadOnlySpan<byte> Bytes(int row) => data.AsSpan(offsets[row], offsets[row + 1] - offsets[row]);
        for (var i = 0; i < column.Length; i++)
        {
            if (!Validity.IsValid(validity, i)) continue;
            if (minRow < 0) minRow = maxRow = i;
            else
            {
                var value = Bytes(i);
                if (value.SequenceCompareTo(Bytes(minRow)) < 0) minRow = i;
                if (value.SequenceCompareTo(Bytes(maxRow)) > 0) maxRow = i;
            }
        }
        return new ColumnStatistics(column.Length - column.NullCount, minRow, maxRow, null, null);
    }

    /// <summary>Welford's running mean and sum of squared deviations, stable for large and close values.</summary>
    private struct MeanAccumulator
    {
        private long _count;
        private double _mean;
        private double _squares;

        public void Add(double x)
        {
            _count++;
            var delta = x - _mean;
            _mean += delta / _count;
            _squares += delta * (x - _mean);
        }

        public readonly ColumnStatistics Result(int minRow, int maxRow, double scale) => new(
            _count,
            minRow,
            maxRow,
            _count > 0 ? _mean / scale : null,
            _count > 1 ? Math.Sqrt(_squares / (_count - 1)) / scale : null);
    }
}
