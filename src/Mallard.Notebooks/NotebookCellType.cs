namespace Mallard.Notebooks;

/// <summary>The kind of a notebook cell (nbformat's <c>cell_type</c>).</summary>
public enum NotebookCellType
{
    /// <summary>Code the kernel runs; it has outputs and an execution count.</summary>
    Code,

    /// <summary>Narrative text in Markdown.</summary>
    Markdown,

    /// <summary>Text passed through untouched by the notebook's tools.</summary>
    Raw,
}
