using System.Text.Json;

namespace Mallard.Analysis.Tests;

/// <summary>An executed .ipynb read as JSON: its code cells by id and what they output.</summary>
public sealed class ExecutedNotebook
{
    private readonly JsonElement _root;

    private ExecutedNotebook(JsonElement root) => _root = root;

    public static ExecutedNotebook Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new ExecutedNotebook(document.RootElement.Clone());
    }

    public IEnumerable<JsonElement> Cells => _root.GetProperty("cells").EnumerateArray();

    public IEnumerable<JsonElement> CodeCells => Cells.Where(c => c.GetProperty("cell_type").GetString() == "code");

    public IEnumerable<JsonElement> Outputs => CodeCells.SelectMany(c => c.GetProperty("outputs").EnumerateArray());

    /// <summary>Error outputs, as "ename: evalue".</summary>
    public IReadOnlyList<string> Errors => [.. Outputs
        .Where(o => o.GetProperty("output_type").GetString() == "error")
        .Select(o => o.GetProperty("ename").GetString() + ": " + o.GetProperty("evalue").GetString())];

    /// <summary>Outputs that carry a Plotly figure.</summary>
    public int PlotCount => Outputs.Count(o => o.TryGetProperty("data", out var data) && data.TryGetProperty("application/vnd.plotly.v1+json", out _));

    /// <summary>The cell with <paramref name="id"/>.</summary>
    public JsonElement Cell(string id) =>
        Cells.FirstOrDefault(c => c.TryGetProperty("id", out var i) && i.GetString() == id) is { ValueKind: JsonValueKind.Object } cell
            ? cell
            : throw new Xunit.Sdk.XunitException($"The executed notebook has no cell '{id}'.");

    /// <summary>The <paramref name="mime"/> content of every output of cell <paramref name="id"/>, joined.</summary>
    public string Text(string id, string mime = "text/plain") => string.Join("\n", Cell(id).GetProperty("outputs").EnumerateArray()
        .Select(o => o.TryGetProperty("data", out var data) && data.TryGetProperty(mime, out var value) ? Join(value)
            : mime == "text/plain" && o.TryGetProperty("text", out var text) ? Join(text) : ""));

    /// <summary>A notebook's text field as one string: nbformat writes text as a string or as a list of lines.</summary>
    public static string Join(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Concat(value.EnumerateArray().Select(v => v.GetString()))
        : value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
