using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mallard.Display;

/// <summary>
/// What a value looks like to each kind of front end: an ordered set of MIME type to content, richest
/// first, plus metadata. Jupyter takes the richest type it can show, the REPL takes <c>text/plain</c>
/// (or its own rendering of the value), the HTML report takes <c>text/html</c>. Immutable.
/// </summary>
public sealed class MimeBundle
{
    private readonly MimeContent[] _items;

    private MimeBundle(MimeContent[] items, string metadataJson)
    {
        _items = items;
        MetadataJson = metadataJson;
    }

    /// <summary>A bundle with nothing in it.</summary>
    public static MimeBundle Empty { get; } = new([], "{}");

    /// <summary>The representations in order (each MIME type at most once).</summary>
    public IReadOnlyList<MimeContent> Items => _items;

    /// <summary>The MIME types in order.</summary>
    public IEnumerable<string> MimeTypes => _items.Select(i => i.MimeType);

    /// <summary>Metadata as a JSON object (Jupyter's <c>metadata</c> of <c>display_data</c>).</summary>
    public string MetadataJson { get; }

    public bool Contains(string mimeType) => Find(mimeType) is not null;

    /// <summary>The content for a MIME type, or null.</summary>
    public string? this[string mimeType] => Find(mimeType)?.Value;

    /// <summary>The content for a MIME type; throws if the bundle has none.</summary>
    public string Get(string mimeType) => Find(mimeType)?.Value
        ?? throw new KeyNotFoundException($"The bundle has no {mimeType}; it has {string.Join(", ", MimeTypes)}.");

    /// <summary>This bundle with text content for <paramref name="mimeType"/> (replacing any there was, in place).</summary>
    public MimeBundle WithText(string mimeType, string text) => With(new MimeContent(mimeType, text, IsJson: false));

    /// <summary>This bundle with JSON content (already serialised) for <paramref name="mimeType"/>.</summary>
    public MimeBundle WithJson(string mimeType, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using (JsonDocument.Parse(json))
        {
            // Parsed only to refuse text that is not JSON.
        }
        return With(new MimeContent(mimeType, json, IsJson: true));
    }

    /// <summary>This bundle with the given metadata object.</summary>
    public MimeBundle WithMetadata(JsonObject metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new MimeBundle(_items, metadata.ToJsonString());
    }

    /// <summary>
    /// The bundle as Jupyter's <c>data</c> object: text as JSON strings, JSON content as itself, in order.
    /// Meant for a wire message or a file, not for a script element: only what JSON requires is escaped.
    /// </summary>
    public string ToDataJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var item in _items)
            {
                writer.WritePropertyName(item.MimeType);
                if (item.IsJson) writer.WriteRawValue(item.Value, skipInputValidation: true);
                else writer.WriteStringValue(item.Value);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public override string ToString() => "MimeBundle(" + string.Join(", ", MimeTypes) + ")";

    private MimeBundle With(MimeContent content)
    {
        ArgumentNullException.ThrowIfNull(content.MimeType);
        ArgumentNullException.ThrowIfNull(content.Value);
        var items = _items.ToList();
        var at = items.FindIndex(i => i.MimeType == content.MimeType);
        if (at >= 0) items[at] = content;
        else items.Add(content);
        return new MimeBundle([.. items], MetadataJson);
    }

    private MimeContent? Find(string mimeType) => Array.Find(_items, i => string.Equals(i.MimeType, mimeType, StringComparison.Ordinal));
}
