namespace Mallard.Warehouse;

/// <summary>
/// A finished publish: the rows copied into each table (by qualified name, in the order they were copied), and how long it
/// took.
/// </summary>
public sealed record WarehousePublishResult(IReadOnlyList<KeyValuePair<string, long>> Tables, TimeSpan Elapsed)
{
    /// <summary>Rows copied in all.</summary>
    public long Rows => Tables.Sum(t => t.Value);
}
