// What is specific to the gold customer analysis, shared by the notebooks in ../notebooks
// (#load "../helpers/helpers.csx"). Everything generic (connections, SQL cells, charts, KPI cards)
// comes with the Mallard kernel itself. Also usable from a .NET 10 file-based app.

using System.IO;
using Mallard.Display.Plotly;

/// <summary>A category and its place in a fixed order; a list of them is a table in SQL cells.</summary>
public sealed record Rank(string Name, int Position);

/// <summary>Ranks the names in the order given, from 1.</summary>
public static List<Rank> Ranked(params string[] names) => [.. names.Select((name, i) => new Rank(name, i + 1))];

/// <summary>Customer segments from the most valuable down (gold.gld_customer_analytics.customer_segment).</summary>
public static readonly List<Rank> segmentOrder = Ranked("VIP", "Loyal", "Regular", "New", "Prospect");

/// <summary>Recency segments from the most recent down.</summary>
public static readonly List<Rank> recencyOrder = Ranked("Active", "Cooling", "At Risk", "Dormant", "Never Ordered");

/// <summary>High, Medium, Low: the order of value tiers and of risk levels.</summary>
public static readonly List<Rank> tierOrder = Ranked("High", "Medium", "Low");

/// <summary>Age bands, young to old, Unknown last.</summary>
public static readonly List<Rank> ageBandOrder = Ranked("18-24", "25-34", "35-44", "45-54", "55-64", "65+", "Unknown");

/// <summary>A lifetime-value bucket: its label, its place (highest first) and the least lifetime value in it.</summary>
public sealed record Bucket(string Name, int Position, decimal Lower);

/// <summary>
/// The lifetime-value distribution's buckets, highest first; every lifetime value (never negative) falls in the bucket with the
/// greatest Lower not above it (an ASOF JOIN in SQL).
/// </summary>
public static readonly List<Bucket> ltvBuckets =
[
    new("5k+", 1, 5000m), new("2.5k - 5k", 2, 2500m), new("1.5k - 2.5k", 3, 1500m), new("1k - 1.5k", 4, 1000m),
    new("500 - 999", 5, 500m), new("250 - 499", 6, 250m), new("< 250", 7, 0m),
];

/// <summary>The analysis' chart colours, in the order of the segment and tier orders above.</summary>
public static readonly string[] analysisPalette = ["#1d4ed8", "#0d9488", "#f59e0b", "#8b5cf6", "#94a3b8", "#ef4444", "#64748b"];

/// <summary>Gives <paramref name="figure"/> the analysis' colours (series take them in order) and returns it.</summary>
public static Figure Styled(Figure figure)
{
    figure.Layout.Colorway = analysisPalette;
    return figure;
}

/// <summary>
/// The warehouse file these notebooks read: MALLARD_WAREHOUSE when set, else warehouse/mallard.duckdb at the
/// root of the repository (the folder holding Kernel.sln) above the current directory, else mallard/warehouse/mallard.duckdb
/// in the user's local data folder (as Mallard.Warehouse's WarehouseLocation decides). The kernel opens the
/// same file as its default connection; a file-based app can pass this to DuckDbDatabase.Open.
/// </summary>
public static string WarehousePath()
{
    var configured = Environment.GetEnvironmentVariable("MALLARD_WAREHOUSE");
    if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Kernel.sln"))) return Path.Combine(dir.FullName, "warehouse", "mallard.duckdb");
    }
    // Outside a clone (notebooks copied out of the installed tool): where `mallard analysis` builds it, the user's data folder.
    var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
    if (string.IsNullOrEmpty(data)) data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
    return Path.Combine(data, "mallard", "warehouse", "mallard.duckdb");
}
