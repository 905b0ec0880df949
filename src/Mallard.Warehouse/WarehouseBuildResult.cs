namespace Mallard.Warehouse;

/// <summary>The summary of a successful build.</summary>
public sealed record WarehouseBuildResult(
    string Path,
    IReadOnlyList<WarehouseModelRun> Models,
    QualityReport Checks,
    TimeSpan Elapsed)
{
    /// <summary>The time spent generating the raw data (generator steps and bronze tables): the floor a build cannot beat.</summary>
    public TimeSpan GenerationElapsed => Models
        .Where(m => m.Model.Layer is WarehouseLayer.Generator or WarehouseLayer.Bronze)
        .Aggregate(TimeSpan.Zero, (sum, m) => sum + m.Elapsed);

    /// <summary>Rows written to bronze, silver and gold tables.</summary>
    public long RowsWritten => Models.Sum(m => m.Rows ?? 0);
}
