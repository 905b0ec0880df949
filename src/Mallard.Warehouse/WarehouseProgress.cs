namespace Mallard.Warehouse;

/// <summary>
/// A step of a build starting or finishing: a model (generator step, bronze, silver or gold table) or the
/// quality checks. <see cref="Step"/> counts from 1 to <see cref="Steps"/>.
/// </summary>
public sealed record WarehouseProgress(
    int Step,
    int Steps,
    WarehouseLayer Layer,
    string Name,
    bool Finished,
    long? Rows,
    TimeSpan Elapsed);
