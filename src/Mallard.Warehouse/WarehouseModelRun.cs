namespace Mallard.Warehouse;

/// <summary>A model that ran: its table's row count (null for a generator step) and how long it took.</summary>
public sealed record WarehouseModelRun(WarehouseModel Model, long? Rows, TimeSpan Elapsed);
