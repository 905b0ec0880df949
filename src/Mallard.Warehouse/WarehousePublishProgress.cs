namespace Mallard.Warehouse;

/// <summary>
/// A step of a publish: <paramref name="Stage"/> of schema <paramref name="Schema"/>, and of table <paramref name="Table"/>
/// (unqualified) for the stages about a table. <paramref name="Rows"/> counts the rows copied so far into that table,
/// of <paramref name="TotalRows"/>; <paramref name="Elapsed"/> is the time since the publish started.
/// </summary>
public sealed record WarehousePublishProgress(
    WarehousePublishStage Stage,
    string Schema,
    string? Table,
    long Rows,
    long TotalRows,
    TimeSpan Elapsed);
