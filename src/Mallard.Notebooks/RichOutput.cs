using System.Text.Json;
using System.Text.Json.Nodes;
using Mallard.Display;

namespace Mallard.Notebooks;

/// <summary>
/// An output carrying a MIME bundle: <see cref="DisplayDataOutput"/> or <see cref="ExecuteResultOutput"/>.
/// <see cref="Data"/> maps MIME type to content: text types as one string, JSON types
/// (<c>application/json</c>, <c>application/*+json</c>) as the JSON itself.
/// </summary>
public abstract class RichOutput : NotebookOutput
{
    private protected RichOutput(JsonObject data, JsonObject? metadata)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        Metadata = metadata ?? [];
    }

    /// <summary>MIME type to content.</summary>
    public JsonObject Data { get; set; }

    /// <summary>The bundle's metadata.</summary>
    public JsonObject Metadata { get; set; }

    /// <summary>The MIME types present.</summary>
    public IEnumerable<string> MimeTypes => Data.Select(p => p.Key);

    /// <summary>Whether <paramref name="mimeType"/> is present.</summary>
    public bool Has(string mimeType) => Data.ContainsKey(mimeType);

    /// <summary>
    /// The content for <paramref name="mimeType"/> as text: a text type as itself, a JSON type serialised;
    /// null when absent.
    /// </summary>
    public string? GetText(string mimeType) => Data[mimeType] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    /// <summary>Whether nbformat keeps <paramref name="mimeType"/> as JSON rather than as text.</summary>
    public static bool IsJsonMimeType(string mimeType)
    {
        ArgumentNullException.ThrowIfNull(mimeType);
        return mimeType == "application/json"
            || (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));
    }

    /// <summary>The <c>data</c> object for a bundle from the engine.</summary>
    public static JsonObject DataFrom(MimeBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var data = new JsonObject();
        foreach (var item in bundle.Items)
            data[item.MimeType] = item.IsJson ? JsonNode.Parse(item.Value) : JsonValue.Create(item.Value);
        return data;
    }

    /// <summary>The <c>metadata</c> object for a bundle from the engine.</summary>
    public static JsonObject MetadataFrom(MimeBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return JsonNode.Parse(bundle.MetadataJson) as JsonObject ?? [];
    }
}
