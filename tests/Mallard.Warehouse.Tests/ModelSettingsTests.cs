using Mallard.DuckDb;

namespace Mallard.Warehouse.Tests;

public class ModelSettingsTests
{
    [Fact]
    public void A_models_settings_apply_to_it_alone_and_the_connections_own_values_come_back()
    {
        var tuned = Assert.Single(WarehouseModels.Tables, m => m.Settings.Count > 0);
        Assert.Equal("silver.stg_payments", tuned.QualifiedName);

        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();
        connection.Execute("SET disabled_optimizers = 'compressed_materialization'");
        WarehouseBuilder.BuildInto(connection, new WarehouseBuildOptions { Scale = 300, Seed = 5 });

        Assert.Equal(["compressed_materialization"], Db.Lines(connection, "SELECT current_setting('disabled_optimizers')"));
        Assert.NotEqual(["0"], Db.Lines(connection, "SELECT count(*) FROM silver.stg_payments"));
    }

    [Fact]
    public void A_model_that_fails_still_gives_the_connection_its_settings_back()
    {
        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();
        var broken = BronzeFixture.Options(extraSql: "ALTER TABLE bronze.payments DROP COLUMN method;");

        var error = Assert.Throws<DuckDbException>(() => WarehouseBuilder.BuildInto(connection, broken));

        Assert.StartsWith("Model silver.stg_payments failed", error.Message, StringComparison.Ordinal);
        Assert.Equal([""], Db.Lines(connection, "SELECT current_setting('disabled_optimizers')"));
    }
}
