namespace Mallard.Engine;

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    /// <summary>The cell ran to completion.</summary>
    Ok,

    /// <summary>The cell failed; <see cref="CellOutcome.Error"/> says why.</summary>
    Error,

    /// <summary>The cell was interrupted; <see cref="CellOutcome.Error"/> describes the interruption.</summary>
    Cancelled,
}
