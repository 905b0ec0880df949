using System.Collections.Concurrent;
using Mallard.DuckDb;
using Mallard.Tests.Recomputation;

namespace Mallard.Warehouse.Tests.Recomputation;

/// <summary>
/// Builds a warehouse, reads its bronze layer back, recomputes gold from it in C# (no silver or gold SQL) and
/// compares the result with the gold tables the build made. Each case is built once and shared by the tests.
/// </summary>
internal static class RecomputationCases
{
    private static readonly ConcurrentDictionary<string, Lazy<RecomputationResult>> Results = new(StringComparer.Ordinal);

    /// <summary>The cases by name: generated samples at two scales and seeds, an earlier as_of, and the hand-made fixture.</summary>
    public static IReadOnlyDictionary<string, WarehouseBuildOptions> All { get; } = new Dictionary<string, WarehouseBuildOptions>(StringComparer.Ordinal)
    {
        ["scale 2000, seed 42"] = new() { Scale = 2000, Seed = 42 },
        ["scale 5000, seed 7"] = new() { Scale = 5000, Seed = 7 },
        ["scale 2000, seed 42, as of 2024-06-30"] = new() { Scale = 2000, Seed = 42, AsOf = new DateOnly(2024, 6, 30) },
        ["hand-made bronze fixture"] = BronzeFixture.Options(),
    };

    public static RecomputationResult Of(string caseName) =>
        Results.GetOrAdd(caseName, name => new Lazy<RecomputationResult>(() => Run(All[name]))).Value;

    private static RecomputationResult Run(WarehouseBuildOptions options)
    {
        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();
        WarehouseBuilder.BuildInto(connection, options);

        var bronze = Bronze.Read(connection);
        var gold = Gold.From(Silver.From(bronze, options.AsOf), options.AsOf, options.Thresholds);

        TableComparison[] tables =
        [
            TableComparison.Compare("gold.gld_customer_analytics", ["customer_id"], gold.CustomerAnalytics,
                connection.Query("SELECT * FROM gold.gld_customer_analytics")),
            TableComparison.Compare("gold.gld_customer_risk", ["customer_id"], gold.CustomerRisk,
                connection.Query("SELECT * FROM gold.gld_customer_risk")),
            TableComparison.Compare("gold.gld_revenue_summary", ["month"], gold.RevenueSummary,
                connection.Query("SELECT * FROM gold.gld_revenue_summary")),
            TableComparison.Compare("gold.gld_cohort_retention", ["cohort_basis", "cohort_month", "months_since"], gold.CohortRetention,
                connection.Query("SELECT * FROM gold.gld_cohort_retention")),
        ];
        return new RecomputationResult(tables);
    }
}

internal sealed record RecomputationResult(IReadOnlyList<TableComparison> Tables);
