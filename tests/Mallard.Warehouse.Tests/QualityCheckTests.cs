using Mallard.DuckDb;

namespace Mallard.Warehouse.Tests;

/// <summary>A small generated warehouse in memory, shared by the check tests (which undo their changes).</summary>
public sealed class GeneratedWarehouse : IDisposable
{
    public GeneratedWarehouse()
    {
        Database = DuckDbDatabase.OpenInMemory();
        Connection = Database.Connect();
        WarehouseBuilder.BuildInto(Connection, new WarehouseBuildOptions { Scale = 400, Seed = 3 });
    }

    public DuckDbDatabase Database { get; }

    public DuckDbConnection Connection { get; }

    public void Dispose()
    {
        Connection.Dispose();
        Database.Dispose();
    }
}

public class QualityCheckTests(GeneratedWarehouse warehouse) : IClassFixture<GeneratedWarehouse>
{
    private readonly DuckDbConnection _connection = warehouse.Connection;

    public static TheoryData<int, string> Checks()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < WarehouseChecks.Default.Count; i++) data.Add(i, WarehouseChecks.Default[i].Label);
        return data;
    }

    /// <summary>SQL that breaks the check's rule on one row.</summary>
    private static string Violation(QualityCheck check)
    {
        var column = check.Column!.Split(", ")[0];
        var oneRow = $"WHERE rowid IN (SELECT rowid FROM {check.Table} WHERE {column} IS NOT NULL LIMIT 1)";
        return check.Name switch
        {
            "unique" => $"INSERT INTO {check.Table} SELECT * FROM {check.Table} LIMIT 1",
            "not_null" => $"UPDATE {check.Table} SET {column} = NULL {oneRow}",
            "accepted_values" => $"UPDATE {check.Table} SET {column} = 'XX' {oneRow}",
            "relationships" => $"UPDATE {check.Table} SET {column} = -424242 {oneRow}",
            "non_negative" => $"UPDATE {check.Table} SET {column} = -1 {oneRow}",
            "between" => $"UPDATE {check.Table} SET {column} = 2 WHERE rowid IN (SELECT rowid FROM {check.Table} LIMIT 1)",
            "reconciliation" => $"UPDATE {check.Table} SET {column} = {column} + 1 {oneRow}",
            "consistency" => $"UPDATE {check.Table} SET {column} = NULL {oneRow}",
            _ => throw new InvalidOperationException($"No violation is known for {check.Name} checks; add one here."),
        };
    }

    [Theory]
    [MemberData(nameof(Checks))]
    public void Every_check_passes_on_a_clean_build_and_fails_when_its_rule_is_broken(int index, string label)
    {
        var check = WarehouseChecks.Default[index];
        Assert.True(WarehouseChecks.Run(_connection, [check]).Passed, $"{label} fails on a clean build");

        _connection.Execute("BEGIN TRANSACTION");
        try
        {
            _connection.Execute(Violation(check));
            var report = WarehouseChecks.Run(_connection, [check]);

            var failure = Assert.Single(report.Failures);
            Assert.Null(failure.Error);
            Assert.True(failure.FailingRows >= 1);
            Assert.True(failure.Sample.RowCount >= 1);
            var text = report.ToString();
            Assert.Contains($"FAIL {check.Name} {check.Table}", text, StringComparison.Ordinal);
        }
        finally
        {
            _connection.Execute("ROLLBACK");
        }
    }

    [Fact]
    public void A_report_names_the_check_the_table_and_sample_offending_rows()
    {
        _connection.Execute("BEGIN TRANSACTION");
        try
        {
            _connection.Execute("UPDATE gold.gld_customer_analytics SET customer_segment = 'Platinum' WHERE customer_id IN (1, 2)");
            var report = WarehouseChecks.Run(_connection);

            Assert.False(report.Passed);
            var text = report.ToString();
            Assert.Contains("FAIL accepted_values gold.gld_customer_analytics.customer_segment: customer_segment is one of VIP, Loyal, Regular, New, Prospect (2 offending rows)", text, StringComparison.Ordinal);
            Assert.Contains("  customer_segment=Platinum, customer_id=1, full_name=", text, StringComparison.Ordinal);
            Assert.Contains("  customer_segment=Platinum, customer_id=2, full_name=", text, StringComparison.Ordinal);
        }
        finally
        {
            _connection.Execute("ROLLBACK");
        }
    }

    [Fact]
    public void A_check_on_a_missing_table_fails_with_duckdbs_message()
    {
        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();

        var report = WarehouseChecks.Run(connection, [QualityCheck.NotNull("gold.gld_customer_analytics", "customer_id")]);

        var failure = Assert.Single(report.Failures);
        Assert.Contains("gld_customer_analytics", failure.Error, StringComparison.Ordinal);
        Assert.Contains("could not run", report.ToString(), StringComparison.Ordinal);
    }
}
