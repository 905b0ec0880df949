using System.Text.Json.Nodes;

namespace Mallard.Notebooks;

/// <summary>
/// Converts between Polyglot Notebooks <c>.dib</c> files and <c>.ipynb</c> notebooks for the Mallard kernel.
/// </summary>
/// <remarks>
/// <para><c>.dib</c> to <c>.ipynb</c>: <c>#!markdown</c> cells become Markdown cells; <c>#!csharp</c> cells become
/// code cells as they are; <c>#!sql</c> cells become code cells whose first line is <c>#!sql</c>, and
/// <c>#!sql-NAME</c> cells (a Polyglot SQL connection named NAME) get <c>#!sql --connection NAME</c>; cells of
/// any other kernel keep their <c>#!KERNEL</c> line, so the Mallard kernel reports them as unknown magics
/// instead of running them as C#. Each code cell records its Polyglot kernel in
/// <c>metadata.polyglot_notebook.kernelName</c> and the <c>#!meta</c> object is kept as
/// <c>metadata.polyglot_notebook</c>, as Polyglot Notebooks itself stores them in <c>.ipynb</c> files, so
/// converting back gives the same <c>.dib</c>.</para>
/// <para><c>.ipynb</c> to <c>.dib</c>: the reverse; a code cell without that metadata is C# unless its first
/// line is a language magic (<c>#!sql</c>, <c>%%sql</c>, <c>#!fsharp</c>...). Outputs are not kept (<c>.dib</c>
/// has none); raw cells become Markdown cells; options of <c>#!sql</c> other than <c>--connection</c> have no
/// Polyglot equivalent and are dropped with a warning.</para>
/// </remarks>
public static class DibConverter
{
    private const string PolyglotKey = "polyglot_notebook";

    /// <summary>The <c>.ipynb</c> notebook for a <c>.dib</c> document.</summary>
    public static Notebook ToNotebook(DibDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var notebook = Notebook.CreateForMallard();
        if (document.Meta is not null) notebook.Metadata[PolyglotKey] = document.Meta.DeepClone();
        foreach (var cell in document.Cells)
        {
            if (cell.KernelName == "markdown")
            {
                notebook.Cells.Add(NotebookCell.Markdown(cell.Content));
                continue;
            }
            // A cell whose first line already addresses its kernel (#!sql --name x in a #!sql cell) keeps it as it is.
            var header = NamesOwnKernel(cell) ? null : Header(cell.KernelName);
            var code = NotebookCell.Code(header is not null ? header + "\n" + cell.Content : cell.Content);
            code.Metadata[PolyglotKey] = new JsonObject { ["kernelName"] = cell.KernelName };
            notebook.Cells.Add(code);
        }
        return notebook;
    }

    /// <summary>The <c>.dib</c> document for a notebook; <paramref name="warnings"/> lists what could not be carried over.</summary>
    public static DibDocument ToDib(Notebook notebook, out IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var notes = new List<string>();
        var document = new DibDocument
        {
            Meta = notebook.Metadata[PolyglotKey] is JsonObject meta && meta["kernelInfo"] is not null
                ? (JsonObject)meta.DeepClone()
                : DefaultMeta(),
        };
        var known = DibReader.KernelNames(document.Meta);
        var usedSqlConnections = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            switch (cell.CellType)
            {
                case NotebookCellType.Markdown:
                    document.Cells.Add(new DibCell("markdown", cell.Source));
                    break;
                case NotebookCellType.Raw:
                    document.Cells.Add(new DibCell("markdown", cell.Source));
                    if (cell.Source.Trim().Length > 0) notes.Add($"Cell {i + 1} is a raw cell; .dib has none, so it became a Markdown cell.");
                    break;
                default:
                    var (kernel, content) = CodeCell(cell, i, known, notes);
                    if (kernel.StartsWith("sql-", StringComparison.Ordinal)) usedSqlConnections.Add(kernel);
                    document.Cells.Add(new DibCell(kernel, content));
                    if (cell.Outputs.Count > 0 && !notes.Contains(OutputsNote)) notes.Add(OutputsNote);
                    break;
            }
        }
        // A cell kernel Polyglot must know to split the file on: sql-NAME kernels go into kernelInfo.
        if (usedSqlConnections.Count > 0 && document.Meta["kernelInfo"] is JsonObject info)
        {
            if (info["items"] is not JsonArray items) info["items"] = items = [];
            foreach (var name in usedSqlConnections.Where(n => !known.ContainsKey(n)))
                items.Add(new JsonObject { ["aliases"] = new JsonArray(), ["languageName"] = "SQL", ["name"] = name });
        }
        warnings = notes;
        return document;
    }

    private const string OutputsNote = "Outputs are not kept: .dib files have none.";

    private static (string Kernel, string Content) CodeCell(NotebookCell cell, int index, Dictionary<string, string> known, List<string> notes)
    {
        var source = cell.Source.Replace("\r\n", "\n", StringComparison.Ordinal);
        var newline = source.IndexOf('\n', StringComparison.Ordinal);
        var first = (newline < 0 ? source : source[..newline]).TrimEnd();
        var rest = newline < 0 ? "" : source[(newline + 1)..];

        // A cell converted from .dib names its kernel; its header line is the one ToNotebook wrote.
        if (cell.Metadata[PolyglotKey]?["kernelName"] is JsonValue v && v.TryGetValue(out string? recorded) && recorded.Length > 0)
        {
            var header = Header(recorded);
            if (header is null) return (recorded, source);
            return first == header ? (recorded, rest) : (recorded, source);
        }

        if (first.StartsWith("#!sql", StringComparison.Ordinal) || first.StartsWith("%%sql", StringComparison.Ordinal))
        {
            var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words[0] is "#!sql" or "%%sql")
            {
                string? connection = null;
                for (var w = 1; w < words.Length; w++)
                {
                    if (words[w] == "--connection" && w + 1 < words.Length) connection = words[++w];
                    else notes.Add($"Cell {index + 1}: the #!sql option '{words[w]}' has no Polyglot equivalent and was dropped.");
                }
                return (connection is null ? "sql" : "sql-" + connection, rest);
            }
        }
        if (first.StartsWith("#!", StringComparison.Ordinal) && known.TryGetValue(first[2..], out var kernel) && kernel != "markdown")
            return (kernel, rest);
        return ("csharp", source);
    }

    /// <summary>Whether the cell's first line is its own kernel's magic, with options (<c>#!sql --name x</c> in a <c>#!sql</c> cell).</summary>
    internal static bool NamesOwnKernel(DibCell cell)
    {
        var first = cell.Content.Split('\n', 2)[0].TrimEnd();
        var magic = "#!" + cell.KernelName;
        return cell.KernelName != "csharp" && (first == magic || first.StartsWith(magic + " ", StringComparison.Ordinal));
    }

    /// <summary>The first line a code cell of <paramref name="kernel"/> gets in the Mallard notebook, or null for C#.</summary>
    private static string? Header(string kernel) => kernel switch
    {
        "csharp" => null,
        "sql" => "#!sql",
        _ when kernel.StartsWith("sql-", StringComparison.Ordinal) && kernel.Length > 4 => "#!sql --connection " + kernel[4..],
        _ => "#!" + kernel,
    };

    private static JsonObject DefaultMeta() => new()
    {
        ["kernelInfo"] = new JsonObject
        {
            ["defaultKernelName"] = "csharp",
            ["items"] = new JsonArray(
                new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" },
                new JsonObject { ["aliases"] = new JsonArray(), ["languageName"] = "SQL", ["name"] = "sql" }),
        },
    };
}
