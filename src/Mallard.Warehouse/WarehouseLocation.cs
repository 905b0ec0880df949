namespace Mallard.Warehouse;

/// <summary>
/// Where the warehouse lives by default, for the build, the notebooks and the REPL alike: the
/// <c>MALLARD_WAREHOUSE</c> environment variable when set; inside a Mallard repository (a directory holding
/// <c>Kernel.sln</c>, searched upwards), <c>warehouse/mallard.duckdb</c> under its root; otherwise
/// <c>mallard/warehouse/mallard.duckdb</c> in the user's local application data directory.
/// </summary>
/// <remarks>
/// The file is not called <c>gold.duckdb</c>: DuckDB names a database after its file, and a catalog named <c>gold</c> would make
/// <c>gold.gld_customer_analytics</c> ambiguous with the schema of that name. Such a file still works (Mallard attaches it under
/// another name, see <c>DuckDbDatabaseOptions.Alias</c>), but the default avoids the question.
/// </remarks>
public static class WarehouseLocation
{
    public const string EnvironmentVariable = "MALLARD_WAREHOUSE";

    public const string DefaultFileName = "mallard.duckdb";

    /// <summary>The default warehouse path, looking for a repository from <paramref name="startDirectory"/> (default: the current directory).</summary>
    public static string DefaultPath(string? startDirectory = null)
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        var root = FindRepositoryRoot(startDirectory ?? Directory.GetCurrentDirectory());
        if (root is not null) return Path.Combine(root, "warehouse", DefaultFileName);
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(data)) data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "mallard", "warehouse", DefaultFileName);
    }

    /// <summary>The nearest directory at or above <paramref name="directory"/> that holds <c>Kernel.sln</c>, or null.</summary>
    public static string? FindRepositoryRoot(string directory)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "Kernel.sln"))) return current.FullName;
        }
        return null;
    }
}
