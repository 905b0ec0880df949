using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mallard.Notebooks;

/// <summary>
/// Reads nbformat 4 notebooks (<c>.ipynb</c>). Metadata is kept whole, multiline text stored as a list
/// of lines is joined, and nothing is dropped that the writer needs to write the file again as Jupyter
/// would. Problems are <see cref="NotebookFormatException"/>s that say what is wrong and where.
/// </summary>
public static class NotebookReader
{
    /// <summary>Reads the notebook at <paramref name="path"/>.</summary>
    public static Notebook Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException($"Cannot read the notebook {path}: {e.Message}", e);
        }
        try
        {
            return Parse(text);
        }
        catch (NotebookFormatException e)
        {
            throw new NotebookFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses notebook JSON.</summary>
    public static Notebook Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"The notebook is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        if (root is not JsonObject obj) throw new NotebookFormatException("The notebook is not a JSON object.");

        var major = RequiredInt(obj, "nbformat", "the notebook");
        if (major != 4)
        {
            throw new NotebookFormatException(
                $"The notebook is nbformat {major}; Mallard reads nbformat 4. Open and save it in a current Jupyter to convert it.");
        }
        var notebook = new Notebook
        {
            FormatMajor = major,
            FormatMinor = RequiredInt(obj, "nbformat_minor", "the notebook"),
            Metadata = Object(obj, "metadata", "the notebook") ?? [],
        };
        if (obj["cells"] is not JsonArray cells) throw new NotebookFormatException("The notebook has no \"cells\" list.");
        for (var i = 0; i < cells.Count; i++)
            notebook.Cells.Add(ReadCell(cells[i], $"cell {i + 1}"));
        return notebook;
    }

    /// <summary>Whether <paramref name="id"/> is a valid nbformat 4.5 cell id.</summary>
    public static bool IsValidCellId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    private static NotebookCell ReadCell(JsonNode? node, string where)
    {
        if (node is not JsonObject obj) throw new NotebookFormatException($"{Capital(where)} is not a JSON object.");
        var type = RequiredString(obj, "cell_type", where) switch
        {
            "code" => NotebookCellType.Code,
            "markdown" => NotebookCellType.Markdown,
            "raw" => NotebookCellType.Raw,
            var other => throw new NotebookFormatException($"{Capital(where)} has cell_type \"{other}\"; nbformat 4 knows code, markdown and raw."),
        };
        var cell = new NotebookCell(type, MultilineText(obj, "source", where) ?? "")
        {
            Id = obj["id"] is null ? null : RequiredString(obj, "id", where),
            Metadata = Object(obj, "metadata", where) ?? [],
            Attachments = Object(obj, "attachments", where),
        };
        if (cell.Attachments is not null)
        {
            foreach (var (name, bundle) in cell.Attachments.ToList())
            {
                if (bundle is JsonObject b)
                {
                    cell.Attachments.Remove(name);
                    cell.Attachments[name] = JoinBundle(b, $"attachment {name} of {where}");
                }
            }
        }
        if (type != NotebookCellType.Code) return cell;

        cell.ExecutionCount = OptionalInt(obj, "execution_count", where);
        if (obj["outputs"] is JsonArray outputs)
        {
            for (var i = 0; i < outputs.Count; i++)
                cell.Outputs.Add(ReadOutput(outputs[i], $"output {i + 1} of {where}"));
        }
        else if (obj["outputs"] is not null)
        {
            throw new NotebookFormatException($"The outputs of {where} are not a list.");
        }
        return cell;
    }

    private static NotebookOutput ReadOutput(JsonNode? node, string where)
    {
        if (node is not JsonObject obj) throw new NotebookFormatException($"{Capital(where)} is not a JSON object.");
        return RequiredString(obj, "output_type", where) switch
        {
            "stream" => new StreamOutput(RequiredString(obj, "name", where), MultilineText(obj, "text", where) ?? ""),
            "display_data" => new DisplayDataOutput(Data(obj, where), Object(obj, "metadata", where)),
            "execute_result" => new ExecuteResultOutput(Data(obj, where), OptionalInt(obj, "execution_count", where), Object(obj, "metadata", where)),
            "error" => new ErrorOutput(
                RequiredString(obj, "ename", where),
                RequiredString(obj, "evalue", where),
                obj["traceback"] is JsonArray tb ? [.. tb.Select((t, i) => AsString(t, $"traceback line {i + 1} of {where}"))] : []),
            var other => throw new NotebookFormatException($"{Capital(where)} has output_type \"{other}\"; nbformat 4 knows stream, display_data, execute_result and error."),
        };
    }

    private static JsonObject Data(JsonObject output, string where) => JoinBundle(Object(output, "data", where) ?? [], where);

    private static JsonObject JoinBundle(JsonObject data, string where)
    {
        var joined = new JsonObject();
        foreach (var (mime, value) in data.ToList())
        {
            data.Remove(mime);
            joined[mime] = !RichOutput.IsJsonMimeType(mime) && value is JsonArray lines
                && lines.All(l => l is JsonValue s && s.GetValueKind() == JsonValueKind.String)
                ? JsonValue.Create(string.Concat(lines.Select(l => l!.GetValue<string>())))
                : value;
        }
        return joined;
    }

    private static string? MultilineText(JsonObject obj, string key, string where) => obj[key] switch
    {
        null => null,
        JsonArray lines => string.Concat(lines.Select((l, i) => AsString(l, $"line {i + 1} of {key} in {where}"))),
        var node => AsString(node, $"{key} of {where}"),
    };

    private static string AsString(JsonNode? node, string what) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new NotebookFormatException($"The {what} is not a string.");

    private static string RequiredString(JsonObject obj, string key, string where) =>
        obj[key] is null
            ? throw new NotebookFormatException($"{Capital(where)} has no \"{key}\".")
            : AsString(obj[key], $"\"{key}\" of {where}");

    private static int RequiredInt(JsonObject obj, string key, string where) =>
        OptionalInt(obj, key, where) ?? throw new NotebookFormatException($"{Capital(where)} has no \"{key}\".");

    private static int? OptionalInt(JsonObject obj, string key, string where)
    {
        var node = obj[key];
        if (node is null) return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int n)) return n;
        throw new NotebookFormatException($"The \"{key}\" of {where} is not an integer.");
    }

    private static JsonObject? Object(JsonObject obj, string key, string where)
    {
        var node = obj[key];
        if (node is null) return null;
        if (node is not JsonObject result) throw new NotebookFormatException($"The \"{key}\" of {where} is not a JSON object.");
        obj.Remove(key);
        return result;
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
