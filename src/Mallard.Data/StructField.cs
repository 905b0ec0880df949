namespace Mallard.Data;

/// <summary>A named member of a STRUCT type.</summary>
public sealed record StructField(string Name, DataType Type);
