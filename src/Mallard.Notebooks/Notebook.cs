using System.Text.Json.Nodes;

namespace Mallard.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4): metadata, kept whole including keys Mallard does not know, and
/// cells. Read one with <see cref="NotebookReader"/>, write it with <see cref="NotebookWriter"/>.
/// </summary>
public sealed class Notebook
{
    /// <summary>nbformat's major version; Mallard reads and writes 4.</summary>
    public int FormatMajor { get; set; } = 4;

    /// <summary>nbformat's minor version: 5 for notebooks Mallard creates (cell ids); older ones keep theirs.</summary>
    public int FormatMinor { get; set; } = 5;

    /// <summary>The notebook's metadata: <c>kernelspec</c>, <c>language_info</c> and anything else, kept as read.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>An empty nbformat 4.5 notebook for the Mallard kernel.</summary>
    public static Notebook CreateForMallard()
    {
        var notebook = new Notebook();
        notebook.UseMallardKernel();
        return notebook;
    }

    /// <summary>Sets <c>kernelspec</c> and <c>language_info</c> to the Mallard kernel's (other metadata stays).</summary>
    public void UseMallardKernel()
    {
        Metadata["kernelspec"] = MallardKernelInfo.KernelSpec();
        Metadata["language_info"] = MallardKernelInfo.LanguageInfo();
    }

    /// <summary>
    /// Makes the notebook nbformat 4.5: every cell gets an id (cells that have one keep it, duplicates get
    /// a new one). Done before cells are added to a 4.4 notebook, whose schema allows no ids.
    /// </summary>
    public void UpgradeToCellIds()
    {
        if (FormatMajor == 4 && FormatMinor < 5) FormatMinor = 5;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in Cells)
        {
            if (cell.Id is null || !NotebookReader.IsValidCellId(cell.Id) || !seen.Add(cell.Id))
            {
                do cell.Id = NotebookCell.NewId();
                while (!seen.Add(cell.Id));
            }
        }
    }
}
