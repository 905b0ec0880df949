using Mallard.Warehouse;

namespace Mallard.Interactive.Tests;

/// <summary>A small gold warehouse built once for the tests, by the real builder.</summary>
public sealed class InteractiveFixture : IDisposable
{
    public InteractiveFixture()
    {
        Root = TestDirectories.Create("mallard-interactive-");
        Warehouse = Path.Combine(Root, "mallard.duckdb");
        WarehouseBuilder.Build(Warehouse, new WarehouseBuildOptions { Scale = 300 });
    }

    public string Root { get; }

    public string Warehouse { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine is left to the system's temporary-file cleanup.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InteractiveCollection : ICollectionFixture<InteractiveFixture>
{
    public const string Name = "interactive";
}
