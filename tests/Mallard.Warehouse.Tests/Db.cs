using System.Globalization;
using Mallard.DuckDb;

namespace Mallard.Warehouse.Tests;

/// <summary>Small helpers for reading single values in assertions.</summary>
internal static class Db
{
    public static object? Scalar(DuckDbConnection connection, string sql)
    {
        var frame = connection.Query(sql);
        Assert.Equal(1, frame.RowCount);
        return frame[0].GetValue(0);
    }

    public static long Long(DuckDbConnection connection, string sql) => Convert.ToInt64(Scalar(connection, sql), CultureInfo.InvariantCulture);

    /// <summary>The rows of a query as "a|b|c" lines, NULL as "NULL", for comparing whole results at once.</summary>
    public static string[] Lines(DuckDbConnection connection, string sql)
    {
        var frame = connection.Query(sql);
        var lines = new string[frame.RowCount];
        for (var row = 0; row < frame.RowCount; row++)
            lines[row] = string.Join("|", frame.Columns.Select(c => c.IsNull(row) ? "NULL" : Mallard.Data.ValueText.Format(c, row)));
        return lines;
    }
}
