using Mallard.DuckDb;

namespace Mallard.Warehouse.Tests;

public class BronzeGenerationTests
{
    private static readonly string[] BronzeTables = WarehouseModels.Bronze.Select(m => m.QualifiedName).ToArray();

    [Fact]
    public void Generating_only_the_bronze_layer_writes_the_same_bronze_tables_as_a_build_and_nothing_else()
    {
        var options = new WarehouseBuildOptions { Scale = 400, Seed = 11 };
        IReadOnlyDictionary<string, string> built;
        using (var database = DuckDbDatabase.OpenInMemory())
        using (var connection = database.Connect())
        {
            WarehouseBuilder.BuildInto(connection, options);
            built = WarehouseFingerprint.Compute(connection, BronzeTables);
        }

        using var bronzeOnly = DuckDbDatabase.OpenInMemory();
        using var bronzeConnection = bronzeOnly.Connect();
        var runs = WarehouseBuilder.GenerateBronzeInto(bronzeConnection, options);

        Assert.Equal(built, WarehouseFingerprint.Compute(bronzeConnection, BronzeTables));
        Assert.Equal(BronzeTables, runs.Where(r => r.Rows is not null).Select(r => r.Model.QualifiedName));
        Assert.All(runs.Where(r => r.Rows is not null), r => Assert.True(r.Rows > 0, r.Model.QualifiedName));
        // Only bronze tables are left: no silver or gold models ran, and the generator's working tables are gone.
        var tables = Db.Lines(bronzeConnection,
            "SELECT table_schema || '.' || table_name FROM information_schema.tables ORDER BY table_schema, table_name");
        Assert.Equal(BronzeTables.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generating_bronze_refuses_options_that_supply_their_own_bronze_layer()
    {
        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();

        var error = Assert.Throws<ArgumentException>(() => WarehouseBuilder.GenerateBronzeInto(connection, BronzeFixture.Options()));

        Assert.Contains("supply their own bronze layer", error.Message, StringComparison.Ordinal);
    }
}
