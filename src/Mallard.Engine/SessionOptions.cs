using Mallard.Display;

namespace Mallard.Engine;

/// <summary>How a <see cref="Session"/> starts. Immutable; each session owns its own.</summary>
public sealed record SessionOptions
{
    /// <summary>The defaults: C# cells, the gold warehouse (read-only) as the default connection when it exists.</summary>
    public static SessionOptions Default { get; } = new();

    /// <summary>
    /// The DuckDB file opened read-only as connection "default" at start, when it exists.
    /// Null means the warehouse location (<c>MALLARD_WAREHOUSE</c> or <c>warehouse/mallard.duckdb</c> under the repository);
    /// the empty string means no default connection is opened from a file (an in-memory one is used).
    /// </summary>
    public string? WarehousePath { get; init; }

    /// <summary>Whether the default warehouse connection is opened read-only (the default).</summary>
    public bool WarehouseReadOnly { get; init; } = true;

    /// <summary>Directory that <c>#r</c>, <c>#load</c> and relative paths in magics resolve against (the notebook's folder). Null: the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The language of cells that start with no language magic.</summary>
    public CellLanguage DefaultLanguage { get; init; } = CellLanguage.CSharp;

    /// <summary>Display settings for tables and charts the session formats.</summary>
    public DisplayOptions Display { get; init; } = DisplayOptions.Default;

    /// <summary>How long an operation runs before progress is reported.</summary>
    public TimeSpan ProgressDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often progress is reported after that.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
