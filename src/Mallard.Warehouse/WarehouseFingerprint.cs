using System.Globalization;
using Mallard.DuckDb;

namespace Mallard.Warehouse;

/// <summary>
/// Content hashes of warehouse tables: equal when two tables hold the same rows (as a multiset, in any order).
/// Each row is hashed through its text form, so every column and every digit counts.
/// </summary>
public static class WarehouseFingerprint
{
    /// <summary>
    /// The fingerprint of each table (by default every bronze, silver and gold table), as
    /// <c>"rows:sum of row hashes"</c>, keyed by qualified table name.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Compute(DuckDbConnection connection, IEnumerable<string>? tables = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables ?? WarehouseModels.Tables.Select(m => m.QualifiedName))
        {
            var frame = connection.Query(
                $"SELECT count(*) AS row_count, coalesce(sum(hash(CAST(t AS VARCHAR))::HUGEINT), 0) AS row_hash_sum FROM {table} AS t",
                cancellationToken);
            result[table] = string.Create(CultureInfo.InvariantCulture, $"{frame[0].GetValue(0)}:{frame[1].GetValue(0)}");
        }
        return result;
    }
}
