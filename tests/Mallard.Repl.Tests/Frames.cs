using Mallard.Data;
using Mallard.DuckDb;

namespace Mallard.Repl.Tests;

/// <summary>Representative results, made by a real in-memory DuckDB as the REPL would get them.</summary>
internal static class Frames
{
    private static readonly Lazy<DuckDbConnection> Connection = new(() => DuckDbDatabase.OpenInMemory().Connect());

    public static Frame Query(string sql)
    {
        lock (Connection) return Connection.Value.Query(sql);
    }

    /// <summary>NULLs in every column, wide and combining Unicode, markup and escape characters in the data.</summary>
    public static Frame Awkward() => Query("""
        SELECT * FROM (VALUES
            (1, 'plain', 12.5::DECIMAL(10,2), DATE '2024-02-29', true),
            (2, '[bold red]not markup[/]', NULL, NULL, false),
            (3, '<b>&amp;</b> | pipe', -1234567.25, DATE '2024-12-31', NULL),
            (NULL, '北京 🦆 café', 0, DATE '2000-01-01', true),
            (5, E'two\nlines\tand a tab', 3, NULL, NULL),
            (6, NULL, 1, NULL, NULL)
        ) AS t(id, text, amount, day, flag)
        """);

    /// <summary>Thirty columns: wider than any terminal.</summary>
    public static Frame Wide() => Query(
        "SELECT " + string.Join(", ", Enumerable.Range(1, 30).Select(i => $"{i} * 1000 + range AS column_number_{i:00}")) + " FROM range(3)");
}
