using Mallard.DuckDb;

namespace Mallard.Warehouse.Tests;

public class DeterminismTests
{
    private static IReadOnlyDictionary<string, string> BuildAndFingerprint(WarehouseBuildOptions options)
    {
        using var database = DuckDbDatabase.Open(new DuckDbDatabaseOptions { Threads = options.Threads });
        using var connection = database.Connect();
        WarehouseBuilder.BuildInto(connection, options);
        return WarehouseFingerprint.Compute(connection);
    }

    [Fact]
    public void Two_builds_with_the_same_scale_and_seed_hold_the_same_rows_in_every_table_whatever_the_thread_count()
    {
        var single = BuildAndFingerprint(new WarehouseBuildOptions { Scale = 1500, Seed = 7, Threads = 1 });
        var parallel = BuildAndFingerprint(new WarehouseBuildOptions { Scale = 1500, Seed = 7, Threads = 2 });
        var again = BuildAndFingerprint(new WarehouseBuildOptions { Scale = 1500, Seed = 7, Threads = 2 });

        Assert.Equal(WarehouseModels.Tables.Count, single.Count);
        Assert.Equal(single, parallel);
        Assert.Equal(parallel, again);
        Assert.All(WarehouseModels.Gold, m => Assert.False(single[m.QualifiedName].StartsWith("0:", StringComparison.Ordinal), m.QualifiedName));
    }

    [Fact]
    public void Another_seed_gives_other_data()
    {
        var seven = BuildAndFingerprint(new WarehouseBuildOptions { Scale = 300, Seed = 7 });
        var eight = BuildAndFingerprint(new WarehouseBuildOptions { Scale = 300, Seed = 8 });

        Assert.NotEqual(seven["bronze.customers"], eight["bronze.customers"]);
        Assert.NotEqual(seven["gold.gld_customer_analytics"], eight["gold.gld_customer_analytics"]);
    }

    [Fact]
    public void Fingerprints_ignore_row_order_but_not_content()
    {
        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();
        connection.Execute("""
            CREATE TABLE a AS SELECT * FROM (VALUES (1, 'x', 1.5), (2, 'y', 2.5)) t(id, name, amount);
            CREATE TABLE b AS SELECT * FROM (VALUES (2, 'y', 2.5), (1, 'x', 1.5)) t(id, name, amount);
            CREATE TABLE c AS SELECT * FROM (VALUES (1, 'y', 1.5), (2, 'x', 2.5)) t(id, name, amount);
            """);

        var prints = WarehouseFingerprint.Compute(connection, ["a", "b", "c"]);

        Assert.Equal(prints["a"], prints["b"]);
        Assert.NotEqual(prints["a"], prints["c"]);
    }
}
