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
}
