using Mallard.Warehouse;

namespace Mallard.Interop.Tests;

/// <summary>
/// A private PostgreSQL server and sample warehouses at two small scales, built once for the publish tests; each test
/// publishes into a database of its own.
/// </summary>
public sealed class PublishFixture : IDisposable
{
    /// <summary>The scales published: a small warehouse and the default sample.</summary>
    public static readonly long[] Scales = [400, WarehouseBuildOptions.DefaultScale];

    private readonly Dictionary<long, string> _warehouses = [];
    private readonly Lock _lock = new();

    public PostgresServer Server { get; } = new();

    /// <summary>The repository's root, where the shipped notebooks are.</summary>
    public static string Repository => WarehouseLocation.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The tests run outside the repository: no Kernel.sln above " + AppContext.BaseDirectory);

    /// <summary>A warehouse built at <paramref name="scale"/> (once per run).</summary>
    public string Warehouse(long scale)
    {
        lock (_lock)
        {
            if (_warehouses.TryGetValue(scale, out var path)) return path;
            path = Path.Combine(TestDirectories.Create("mallard-publish-"), WarehouseLocation.DefaultFileName);
            WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = scale });
            _warehouses[scale] = path;
            return path;
        }
    }

    /// <summary>Runs <c>mallard warehouse publish</c> of the warehouse at <paramref name="scale"/> into database <paramref name="database"/>.</summary>
    public (int ExitCode, string Stdout, string Stderr) Publish(long scale, string database, params string[] more) =>
        MallardProcess.Run(["warehouse", "publish", "--warehouse", Warehouse(scale), "--postgres", Server.Url(database), .. more]);

    public void Dispose() => Server.Dispose();
}
