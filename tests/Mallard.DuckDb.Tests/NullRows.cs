using Mallard.Data;

namespace Mallard.DuckDb.Tests;

/// <summary>Which rows of a generated test result are NULL.</summary>
public enum Nulls
{
    None,
    EveryThirdRow,
    All,
}

/// <summary>The same choice of NULL rows in SQL (a condition on the row number <c>i</c>) and in the checks.</summary>
internal static class NullRows
{
    public static string When(Nulls nulls) => nulls switch
    {
        Nulls.None => "false",
        Nulls.EveryThirdRow => "i % 3 = 0",
        _ => "true",
    };

    public static bool IsNull(Nulls nulls, long i) => nulls switch
    {
        Nulls.None => false,
        Nulls.EveryThirdRow => i % 3 == 0,
        _ => true,
    };

    /// <summary>How many of the first <paramref name="rows"/> rows are NULL.</summary>
    public static int Count(Nulls nulls, int rows) => nulls switch { Nulls.None => 0, Nulls.All => rows, _ => (rows + 2) / 3 };

    /// <summary>
    /// Checks a generated result row by row: <paramref name="rows"/> rows whose column <c>i</c> numbers them in order, every
    /// other column NULL in the NULL rows, and <paramref name="values"/> on each other row.
    /// </summary>
    public static void AssertEachRow(Frame frame, int rows, Nulls nulls, Action<int> values)
    {
        Assert.Equal(rows, frame.RowCount);
        var i = frame.GetSpan<long>("i");
        for (var row = 0; row < rows; row++)
        {
            Assert.Equal(row, i[row]);
            if (IsNull(nulls, row))
            {
                foreach (var column in frame.Columns.Skip(1))
                    Assert.True(column.IsNull(row), $"{column.Name} row {row} should be NULL");
                continue;
            }
            values(row);
        }
    }
}
