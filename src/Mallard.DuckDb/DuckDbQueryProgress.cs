namespace Mallard.DuckDb;

/// <summary>How far a running query has got, as DuckDB estimates it.</summary>
public readonly record struct DuckDbQueryProgress(double Percentage, ulong RowsProcessed, ulong TotalRowsToProcess);
