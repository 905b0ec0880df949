using System.Globalization;
using Mallard.DuckDb;

namespace Mallard.Benchmarks.Support;

/// <summary>
/// The table <c>t</c> the materialisation benchmarks read: <c>(id BIGINT, x DOUBLE, s VARCHAR of 8 to 20
/// characters, d DATE, amount DECIMAL(18,2))</c>, generated in SQL from hashes of the row number, so every
/// run and every client reads the same values. Kept in a database file outside the repository (the temp
/// directory, or <c>MALLARD_BENCH_DATA</c>) and built once per row count.
/// </summary>
public static class MaterializeData
{
    /// <summary>Bump when <see cref="CreateSql"/> changes, so stale files are rebuilt.</summary>
    private const string Recipe = "materialize-v1";

    public const string Query = "SELECT * FROM t";

    /// <summary>The database file holding <paramref name="rows"/> rows.</summary>
    public static string PathFor(int rows)
    {
        var directory = Environment.GetEnvironmentVariable("MALLARD_BENCH_DATA") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "mallard-bench");
        return Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"materialize-{rows}.duckdb"));
    }

    /// <summary>Creates the file unless it already holds this recipe's table for <paramref name="rows"/> rows; returns its path.</summary>
    public static string Ensure(int rows)
    {
        var path = PathFor(rows);
        if (File.Exists(path) && IsCurrent(path, rows)) return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        File.Delete(path + ".wal");
        var building = path + ".building";
        File.Delete(building);
        File.Delete(building + ".wal");
        using (var database = DuckDbDatabase.Open(building))
        using (var connection = database.Connect())
        {
            connection.Execute(CreateSql(rows));
            connection.Execute("CHECKPOINT");
        }
        File.Move(building, path);
        return path;
    }

    /// <summary>The bytes the five columns hold with nothing around them: rows × (8 + 8 + 4 + 8) plus the VARCHAR's UTF-8 bytes.</summary>
    public static long RawColumnBytes(string path)
    {
        using var database = DuckDbDatabase.Open(path, readOnly: true);
        using var connection = database.Connect();
        var frame = connection.Query("SELECT count(*)::BIGINT AS n, sum(strlen(s))::BIGINT AS text FROM t");
        var rows = Convert.ToInt64(frame.Columns[0].GetValue(0), CultureInfo.InvariantCulture);
        var text = Convert.ToInt64(frame.Columns[1].GetValue(0), CultureInfo.InvariantCulture);
        return rows * (8 + 8 + 4 + 8) + text;
    }

    private static string CreateSql(int rows) => string.Create(CultureInfo.InvariantCulture, $"""
        CREATE TABLE t AS
        SELECT
            range::BIGINT AS id,
            (hash(range) % 1000000)::DOUBLE / 100.0 AS x,
            substr(md5(range::VARCHAR), 1, 8 + (hash(range + 1) % 13)::INTEGER) AS s,
            DATE '2000-01-01' + (hash(range + 2) % 10000)::INTEGER AS d,
            ((hash(range + 3) % 10000000000)::DECIMAL(18, 0) / 100)::DECIMAL(18, 2) AS amount
        FROM range({rows})
        ORDER BY range;
        CREATE TABLE bench_recipe AS SELECT '{Recipe}' AS recipe, {rows}::BIGINT AS rows;
        """);

    private static bool IsCurrent(string path, int rows)
    {
        try
        {
            using var database = DuckDbDatabase.Open(path, readOnly: true);
            using var connection = database.Connect();
            var frame = connection.Query("SELECT recipe, rows, (SELECT count(*) FROM t)::BIGINT AS actual FROM bench_recipe");
            return frame.RowCount == 1
                && (string?)frame.Columns[0].GetValue(0) == Recipe
                && Convert.ToInt64(frame.Columns[1].GetValue(0), CultureInfo.InvariantCulture) == rows
                && Convert.ToInt64(frame.Columns[2].GetValue(0), CultureInfo.InvariantCulture) == rows;
        }
        catch (DuckDbException)
        {
            return false;
        }
    }
}
