using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Mallard.Display.Internal;

/// <summary>JSON settings shared by everything display writes.</summary>
internal static class Json
{
    /// <summary>
    /// Leaves letters of every script readable but always escapes <c>&lt; &gt; &amp; ' +</c>, so JSON can be
    /// placed inside a <c>&lt;script&gt;</c> element without any text of the data closing it.
    /// </summary>
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = Encoder,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>A JavaScript/JSON string literal of <paramref name="text"/>, safe inside a script element.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text, Options);
}
