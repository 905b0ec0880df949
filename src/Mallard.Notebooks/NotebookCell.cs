using System.Text.Json.Nodes;

namespace Mallard.Notebooks;

/// <summary>
/// One cell of a notebook: its kind, id, source text and metadata (kept whole, including keys Mallard
/// does not know), and for code cells its outputs and execution count.
/// </summary>
public sealed class NotebookCell
{
    /// <summary>A cell of the given kind and source, with a fresh id.</summary>
    public NotebookCell(NotebookCellType cellType, string source = "")
    {
        ArgumentNullException.ThrowIfNull(source);
        CellType = cellType;
        Source = source;
        Id = NewId();
    }

    /// <summary>A new code cell.</summary>
    public static NotebookCell Code(string source) => new(NotebookCellType.Code, source);

    /// <summary>A new Markdown cell.</summary>
    public static NotebookCell Markdown(string source) => new(NotebookCellType.Markdown, source);

    /// <summary>A new raw cell.</summary>
    public static NotebookCell Raw(string source) => new(NotebookCellType.Raw, source);

    /// <summary>The kind of cell.</summary>
    public NotebookCellType CellType { get; set; }

    /// <summary>
    /// The cell's id (nbformat 4.5: 1 to 64 of letters, digits, '-' and '_'). Null for a cell read from
    /// a notebook older than 4.5, which has none; the writer then writes none.
    /// </summary>
    public string? Id { get; set; }

    /// <summary>The cell's text, lines joined with their line ends.</summary>
    public string Source { get; set; }

    /// <summary>The cell's metadata: <c>tags</c>, <c>execution</c> timings and anything else, kept as read.</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>Attachments of a Markdown or raw cell (file name to MIME bundle), or null.</summary>
    public JsonObject? Attachments { get; set; }

    /// <summary>The outputs of a code cell, in order (always empty for other cells).</summary>
    public List<NotebookOutput> Outputs { get; } = [];

    /// <summary>The execution count of a code cell, or null when it has not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The cell's tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags => Metadata["tags"] is JsonArray tags
        ? [.. tags.Select(t => t?.GetValueKind() == System.Text.Json.JsonValueKind.String ? t.GetValue<string>() : null).OfType<string>()]
        : [];

    /// <summary>Whether the cell carries <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>Adds <paramref name="tag"/> to <c>metadata.tags</c> unless it is there already.</summary>
    public void AddTag(string tag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        if (HasTag(tag)) return;
        if (Metadata["tags"] is not JsonArray tags)
        {
            tags = [];
            Metadata["tags"] = tags;
        }
        tags.Add(tag);
    }

    /// <summary>The first line of the source that is not blank, trimmed (for messages naming the cell).</summary>
    public string FirstLine
    {
        get
        {
            foreach (var line in Source.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length > 0) return trimmed;
            }
            return "";
        }
    }

    /// <summary>A new cell id: 8 hexadecimal digits, as JupyterLab makes them.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..8];

    public override string ToString() => $"{CellType} cell {Id}: {FirstLine}";
}
