namespace Mallard.Engine.Completion;

/// <summary>The part of a cell a position falls in: a magic line, or a body of SQL or C# from <see cref="Start"/> to the end.</summary>
internal sealed record CellRegion(RegionKind Kind, int Start, int End, string? ConnectionName = null);
