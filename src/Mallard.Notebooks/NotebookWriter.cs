using System.Text;
using System.Text.Json.Nodes;
using Mallard.Notebooks.Internal;

namespace Mallard.Notebooks;

/// <summary>
/// Writes notebooks as Jupyter does: keys sorted, one space of indent, multiline text (sources, streams,
/// text MIME types) as lists of lines, UTF-8 without a byte order mark, a final newline. A notebook that
/// Jupyter wrote, read and written again, is the same bytes.
/// </summary>
public static class NotebookWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="notebook"/> to <paramref name="path"/> (through a temporary file, so a failed write leaves any old file whole).</summary>
    public static void Write(Notebook notebook, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = ToJson(notebook);
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, text, Utf8);
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The notebook as Jupyter's JSON text, ending with a newline.</summary>
    public static string ToJson(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var root = new JsonObject
        {
            ["cells"] = new JsonArray([.. notebook.Cells.Select(CellNode)]),
            ["metadata"] = notebook.Metadata.DeepClone(),
            ["nbformat"] = notebook.FormatMajor,
            ["nbformat_minor"] = notebook.FormatMinor,
        };
        return JupyterJson.Write(root) + "\n";
    }

    private static JsonNode CellNode(NotebookCell cell)
    {
        var obj = new JsonObject
        {
            ["cell_type"] = cell.CellType switch
            {
                NotebookCellType.Code => "code",
                NotebookCellType.Markdown => "markdown",
                _ => "raw",
            },
            ["metadata"] = cell.Metadata.DeepClone(),
            ["source"] = LinesNode(cell.Source),
        };
        if (cell.Id is not null) obj["id"] = cell.Id;
        if (cell.CellType == NotebookCellType.Code)
        {
            obj["execution_count"] = cell.ExecutionCount;
            obj["outputs"] = new JsonArray([.. cell.Outputs.Select(OutputNode)]);
        }
        else if (cell.Attachments is not null)
        {
            var attachments = new JsonObject();
            foreach (var (name, bundle) in cell.Attachments)
                attachments[name] = bundle is JsonObject b ? DataNode(b) : bundle?.DeepClone();
            obj["attachments"] = attachments;
        }
        return obj;
    }

    private static JsonNode OutputNode(NotebookOutput output)
    {
        var obj = new JsonObject { ["output_type"] = output.OutputType };
        switch (output)
        {
            case StreamOutput stream:
                obj["name"] = stream.Name;
                obj["text"] = LinesNode(stream.Text);
                break;
            case ExecuteResultOutput result:
                obj["data"] = DataNode(result.Data);
                obj["execution_count"] = result.ExecutionCount;
                obj["metadata"] = result.Metadata.DeepClone();
                break;
            case RichOutput rich:
                obj["data"] = DataNode(rich.Data);
                obj["metadata"] = rich.Metadata.DeepClone();
                break;
            case ErrorOutput error:
                obj["ename"] = error.Name;
                obj["evalue"] = error.Value;
                obj["traceback"] = new JsonArray([.. error.Traceback.Select(l => (JsonNode?)JsonValue.Create(l))]);
                break;
        }
        return obj;
    }

    private static JsonObject DataNode(JsonObject data)
    {
        var obj = new JsonObject();
        foreach (var (mime, value) in data)
        {
            obj[mime] = IsSplitMimeType(mime) && value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? LinesNode(v.GetValue<string>())
                : value?.DeepClone();
        }
        return obj;
    }

    // As nbformat: text types and two text-like others are stored as lists of lines; base64 images stay one string.
    private static bool IsSplitMimeType(string mime) =>
        mime.StartsWith("text/", StringComparison.Ordinal) || mime is "application/javascript" or "image/svg+xml";

    private static JsonArray LinesNode(string text) => new([.. Lines.Split(text).Select(l => (JsonNode?)JsonValue.Create(l))]);
}
