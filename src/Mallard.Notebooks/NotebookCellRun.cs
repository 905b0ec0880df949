using Mallard.Engine;

namespace Mallard.Notebooks;

/// <summary>A code cell starting (<see cref="Outcome"/> null) or finished, reported while a notebook runs.</summary>
/// <param name="Index">The cell's 0-based position in the notebook.</param>
/// <param name="CellCount">How many cells the notebook has.</param>
/// <param name="Cell">The cell.</param>
/// <param name="Outcome">How it ended, or null when it is starting.</param>
public sealed record NotebookCellRun(int Index, int CellCount, NotebookCell Cell, CellOutcome? Outcome)
{
    /// <summary>"cell 4 (SELECT * FROM ...)": how messages name the cell, 1-based as people count.</summary>
    public string Describe() => NotebookRunner.DescribeCell(Index, Cell);
}
