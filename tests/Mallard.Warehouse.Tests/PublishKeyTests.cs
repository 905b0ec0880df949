using Mallard.DuckDb;

namespace Mallard.Warehouse.Tests;

/// <summary>The keys and indexes a publish gives the warehouse's tables in PostgreSQL hold in every build.</summary>
public class PublishKeyTests
{
    [Theory]
    [InlineData(300, 1)]
    [InlineData(2500, 99)]
    public void Every_declared_key_is_unique_and_never_null_and_every_indexed_column_exists(long scale, long seed)
    {
        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();
        WarehouseBuilder.BuildInto(connection, new WarehouseBuildOptions { Scale = scale, Seed = seed });
        var keyed = WarehouseModels.Tables.Where(m => m.Key.Count > 0).ToList();
        Assert.Equal(WarehouseModels.Silver.Count + WarehouseModels.Gold.Count - 1, keyed.Count);
        foreach (var model in keyed)
        {
            var key = string.Join(", ", model.Key);
            var nulls = string.Join(" OR ", model.Key.Select(c => c + " IS NULL"));
            Assert.Equal(0, Db.Long(connection, $"SELECT count(*) - count(DISTINCT ({key})) FROM {model.QualifiedName}"));
            Assert.Equal(0, Db.Long(connection, $"SELECT count(*) FROM {model.QualifiedName} WHERE {nulls}"));
            Assert.True(Db.Long(connection, $"SELECT count(*) FROM {model.QualifiedName}") > 0, model.QualifiedName);
        }
        foreach (var model in WarehouseModels.Tables.Where(m => m.Indexed.Count > 0))
        {
            foreach (var column in model.Indexed)
            {
                Assert.Equal(1, Db.Long(connection,
                    $"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{model.Schema}' AND table_name = '{model.Name}' AND column_name = '{column}'"));
            }
        }
        Assert.All(WarehouseModels.Bronze, m => Assert.Empty(m.Key));
    }
}
