namespace Mallard.Warehouse;

/// <summary>What <see cref="WarehousePublisher"/> publishes.</summary>
public sealed record WarehousePublishOptions
{
    /// <summary>Also publish the bronze schema (raw data, duplicates included); silver and gold always are.</summary>
    public bool IncludeBronze { get; init; }

    /// <summary>The schemas published, in order: bronze (when asked for), silver, gold.</summary>
    public IReadOnlyList<string> Schemas => IncludeBronze ? ["bronze", "silver", "gold"] : ["silver", "gold"];
}
