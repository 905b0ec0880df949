using Mallard.Engine;

namespace Mallard.Notebooks;

/// <summary>The end of a notebook run: the executed notebook and whether every cell succeeded.</summary>
public sealed class NotebookRunResult
{
    internal NotebookRunResult(Notebook notebook, IReadOnlyList<(int Index, CellError Error)> failures, bool stopped, int cellsRun, TimeSpan elapsed)
    {
        Notebook = notebook;
        Failures = failures;
        Stopped = stopped;
        CellsRun = cellsRun;
        Elapsed = elapsed;
    }

    /// <summary>The notebook with its outputs, execution counts and timings.</summary>
    public Notebook Notebook { get; }

    /// <summary>Cells that failed (0-based index and error), in order; with allow-errors there can be several.</summary>
    public IReadOnlyList<(int Index, CellError Error)> Failures { get; }

    /// <summary>True when the run ended early at a failing cell (cells after it did not run).</summary>
    public bool Stopped { get; }

    /// <summary>True when no cell failed.</summary>
    public bool Succeeded => Failures.Count == 0;

    /// <summary>Code cells that ran.</summary>
    public int CellsRun { get; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>One line per failure: "cell 4 (SELECT * FROM nope) failed: SqlError: ...".</summary>
    public string DescribeFailures() => string.Join("\n", Failures.Select(f =>
        NotebookRunner.DescribeCell(f.Index, Notebook.Cells[f.Index]) + " failed: " + f.Error.Name + ": " + f.Error.Message));
}
