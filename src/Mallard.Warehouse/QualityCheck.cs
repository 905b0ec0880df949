using Mallard.Data;

namespace Mallard.Warehouse;

/// <summary>
/// A data-quality check in the manner of dbt's tests: a query that returns the rows breaking a rule, so the
/// check passes when it returns none. <see cref="Column"/> is null for checks about a whole table.
/// </summary>
public sealed record QualityCheck(string Name, string Table, string? Column, string Description, string FailingRowsSql)
{
    /// <summary>The check's label in a report, for example <c>unique gold.gld_customer_analytics.customer_id</c>.</summary>
    public string Label => Column is null ? $"{Name} {Table}" : $"{Name} {Table}.{Column}";

    /// <summary>No two rows share the values of <paramref name="columns"/>.</summary>
    public static QualityCheck Unique(string table, params string[] columns)
    {
        var list = string.Join(", ", columns);
        return new("unique", table, list, $"no two rows share ({list})",
            $"SELECT {list}, count(*) AS occurrences FROM {table} GROUP BY ALL HAVING count(*) > 1");
    }

    /// <summary>The column is never NULL.</summary>
    public static QualityCheck NotNull(string table, string column) =>
        new("not_null", table, column, $"{column} is never NULL", $"SELECT * FROM {table} WHERE {column} IS NULL");

    /// <summary>The column holds only the listed values (NULLs are left to <see cref="NotNull"/>).</summary>
    public static QualityCheck AcceptedValues(string table, string column, params string[] values)
    {
        var literals = string.Join(", ", values.Select(SqlText.Literal));
        return new("accepted_values", table, column, $"{column} is one of {string.Join(", ", values)}",
            $"SELECT * FROM {table} WHERE {column} NOT IN ({literals})");
    }

    /// <summary>Every non-NULL value of the column exists in <paramref name="toColumn"/> of <paramref name="toTable"/>.</summary>
    public static QualityCheck Relationship(string table, string column, string toTable, string toColumn) =>
        new("relationships", table, column, $"every {column} exists in {toTable}.{toColumn}",
            $"SELECT c.* FROM {table} c ANTI JOIN {toTable} p ON p.{toColumn} = c.{column} WHERE c.{column} IS NOT NULL");

    /// <summary>The column is never below zero.</summary>
    public static QualityCheck NonNegative(string table, string column) =>
        new("non_negative", table, column, $"{column} is never negative", $"SELECT * FROM {table} WHERE {column} < 0");

    /// <summary>The column lies between <paramref name="min"/> and <paramref name="max"/> when it is not NULL.</summary>
    public static QualityCheck Between(string table, string column, double min, double max) =>
        new("between", table, column, $"{column} is between {min} and {max}",
            FormattableString.Invariant($"SELECT * FROM {table} WHERE {column} < {min} OR {column} > {max}"));
}
