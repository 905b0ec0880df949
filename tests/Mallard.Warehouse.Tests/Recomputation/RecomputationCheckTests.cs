using Mallard.DuckDb;
using Mallard.Tests.Recomputation;

namespace Mallard.Warehouse.Tests.Recomputation;

/// <summary>The recomputation's own machinery: how a difference is reported, and the refusal to guess a tie-break.</summary>
public sealed class RecomputationCheckTests
{
    private sealed record Row(long CustomerId, double Rate, decimal Amount, string? Name);

    [Fact]
    public void A_difference_names_the_table_the_key_the_column_both_values_and_how_many_rows_differ()
    {
        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();
        var gold = connection.Query("""
            SELECT * FROM (VALUES (1, 0.5::DOUBLE, 10.00::DECIMAL(18, 2), 'a', true), (2, 0.25::DOUBLE, 20.00::DECIMAL(18, 2), 'b', false),
                                  (4, 0.1::DOUBLE, 1.00::DECIMAL(18, 2), NULL, false))
                t(customer_id, rate, amount, name, extra)
            """);
        Row[] recomputed = [new(1, 0.5 + 1e-12, 10m, "a"), new(2, 0.25, 20.01m, null), new(3, 0, 0m, "c")];

        var comparison = TableComparison.Compare("gold.example", ["customer_id"], recomputed, gold);
        var text = comparison.DescribeValues();

        Assert.False(comparison.ValuesEqual);
        Assert.Equal(1, comparison.DifferingRows);
        Assert.Equal(["amount", "name"], comparison.Differences.Select(d => d.Column));
        Assert.Contains("gold.example", text, StringComparison.Ordinal);
        Assert.Contains("1 rows differ", text, StringComparison.Ordinal);
        Assert.Contains("customer_id=2: recomputed 20.01 (DECIMAL), gold 20.00 (DECIMAL)", text, StringComparison.Ordinal);
        Assert.Contains("customer_id=2: recomputed NULL, gold 'b'", text, StringComparison.Ordinal);
        Assert.Contains("1 recomputed rows are not in gold, e.g. customer_id=3", text, StringComparison.Ordinal);
        Assert.Contains("1 gold rows are not recomputed, e.g. customer_id=4", text, StringComparison.Ordinal);
        Assert.False(comparison.ColumnsEqual);
        Assert.Equal(["extra"], comparison.UncheckedColumns);
    }

    [Fact]
    public void Two_different_loads_of_one_id_at_the_same_latest_time_fail_instead_of_guessing_the_warehouse_tie_break()
    {
        var at = new DateTime(2025, 1, 2, 3, 4, 5);
        BronzeOrder[] loads =
        [
            new(7, 1, at, "completed", "web", at.AddDays(-1)),
            new(7, 1, at, "completed", "web", at),
            new(7, 1, at, "cancelled", "web", at),
        ];

        var error = Assert.Throws<InvalidOperationException>(() => Silver.LatestLoads(loads, o => o.OrderId, o => o.IngestedAt, "orders"));

        Assert.Contains("bronze.orders: id 7 has 2 different loads with the same latest _ingested_at (2025-01-02 03:04:05)", error.Message, StringComparison.Ordinal);
        // The same load twice is no tie: either gives the same answer.
        Assert.Single(Silver.LatestLoads(loads[..2].Append(loads[1]), o => o.OrderId, o => o.IngestedAt, "orders"));
    }
}
