using Mallard.DuckDb;

namespace Mallard.Warehouse;

/// <summary>What to build: the size and seed of the generated sample, the as_of date and the business rules.</summary>
public sealed record WarehouseBuildOptions
{
    /// <summary>The default as_of date: the day after the generated sample's last day (2025-06-30).</summary>
    public static DateOnly DefaultAsOf { get; } = new(2025, 7, 1);

    public const long DefaultScale = 2_000;

    public const long DefaultSeed = 42;

    /// <summary>Customers to generate (about 2% more source records are duplicates of them; about ten orders each).</summary>
    public long Scale { get; init; } = DefaultScale;

    /// <summary>The generator's seed: the same scale and seed give the same data.</summary>
    public long Seed { get; init; } = DefaultSeed;

    /// <summary>The date every recency calculation is made from, and the cut-off for facts: nothing after it is in silver or gold.</summary>
    public DateOnly AsOf { get; init; } = DefaultAsOf;

    public WarehouseThresholds Thresholds { get; init; } = new();

    /// <summary>DuckDB worker threads for the build; null uses DuckDB's default (the core count). Never changes the result.</summary>
    public int? Threads { get; init; }

    /// <summary>DuckDB's memory limit for the build (for example <c>"4GB"</c>); null uses DuckDB's default.</summary>
    public string? MemoryLimit { get; init; }

    /// <summary>
    /// Creates the bronze tables instead of the generator (the tables of <see cref="WarehouseModels.BronzeTables"/>,
    /// in schema <c>bronze</c>, which exists when this runs). Null generates them from <see cref="Scale"/> and <see cref="Seed"/>.
    /// </summary>
    public Action<DuckDbConnection>? Bronze { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when an option makes no sense.</summary>
    public void Validate()
    {
        if (Bronze is null && Scale is < 1 or > 100_000_000)
            throw new ArgumentException($"The scale is the number of customers, from 1 to 100,000,000; {Scale} is not.");
        if (Seed < 0)
            throw new ArgumentException($"The seed must not be negative; {Seed} is.");
        if (Threads is < 1)
            throw new ArgumentException($"Threads must be at least 1; {Threads} is not.");
        Thresholds.Validate();
    }
}
