namespace Mallard.Engine;

/// <summary>The end of a cell: its status, its error if any, and how long it ran.</summary>
/// <param name="Status">How the cell ended.</param>
/// <param name="Error">The error when <see cref="Status"/> is not <see cref="CellStatus.Ok"/>.</param>
/// <param name="Elapsed">Wall time of the cell.</param>
public sealed record CellOutcome(CellStatus Status, CellError? Error, TimeSpan Elapsed)
{
    /// <summary>True when the cell ran to completion.</summary>
    public bool Succeeded => Status == CellStatus.Ok;
}
