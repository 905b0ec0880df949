namespace Mallard.Data;

public sealed partial class Frame
{
    /// <summary>
    /// A summary with one row per column: <c>column</c> and <c>type</c> (VARCHAR), <c>count</c> (BIGINT,
    /// the number of non-NULL values), <c>nulls</c> (BIGINT), <c>min</c> and <c>max</c> (VARCHAR, as
    /// <see cref="ValueText"/> writes them; NULL for types without an order or a column of only NULLs), and
    /// <c>mean</c> and <c>std</c> (DOUBLE, the mean and sample standard deviation of numeric columns; NULL
    /// otherwise, and <c>std</c> NULL with fewer than two values). Numbers, booleans, dates, times,
    /// timestamps and enums (in dictionary order) have an order; text is ordered by code point, as DuckDB does.
    /// </summary>
    public Frame Describe()
    {
        var count = _columns.Length;
        var names = new string?[count];
        var types = new string?[count];
        var counts = new long[count];
        var nulls = new long[count];
        var mins = new string?[count];
        var maxes = new string?[count];
        var means = new double?[count];
        var stds = new double?[count];
        for (var i = 0; i < count; i++)
        {
            var column = _columns[i];
            var statistics = ColumnStatistics.Compute(column);
            names[i] = column.Name;
            types[i] = column.Type.Name;
            counts[i] = statistics.Count;
            nulls[i] = column.NullCount;
            mins[i] = statistics.MinRow >= 0 ? ValueText.Format(column, statistics.MinRow) : null;
            maxes[i] = statistics.MaxRow >= 0 ? ValueText.Format(column, statistics.MaxRow) : null;
            means[i] = statistics.Mean;
            stds[i] = statistics.StdDev;
        }
        return new Frame(
            StringColumn.Create("column", names),
            StringColumn.Create("type", types),
            new PrimitiveColumn<long>("count", DataType.Int64, counts),
            new PrimitiveColumn<long>("nulls", DataType.Int64, nulls),
            StringColumn.Create("min", mins),
            StringColumn.Create("max", maxes),
            PrimitiveColumn<double>.Create("mean", means),
            PrimitiveColumn<double>.Create("std", stds));
    }
}
