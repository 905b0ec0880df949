using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mallard.Notebooks;

/// <summary>
/// Writes Polyglot Notebooks <c>.dib</c> files as Polyglot Notebooks does: the <c>#!meta</c> cell first (when
/// there is one), then each cell as its <c>#!KERNEL</c> line, a blank line, its text and a blank line; "\n"
/// line ends, UTF-8 without a byte order mark. Empty cells are left out.
/// </summary>
public static class DibWriter
{
    private static readonly JsonSerializerOptions MetaOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/>.</summary>
    public static void Write(DibDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, ToText(document), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The document as <c>.dib</c> text.</summary>
    public static string ToText(DibDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        if (document.Meta is not null)
            sb.Append("#!meta\n\n").Append(document.Meta.ToJsonString(MetaOptions)).Append("\n\n");
        foreach (var cell in document.Cells)
        {
            var content = cell.Content.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n');
            if (content.Trim().Length == 0) continue;
            sb.Append("#!").Append(cell.KernelName).Append("\n\n").Append(content).Append("\n\n");
        }
        // One newline at the end, as Polyglot Notebooks writes it.
        while (sb.Length > 1 && sb[^1] == '\n' && sb[^2] == '\n') sb.Length--;
        return sb.ToString();
    }
}
