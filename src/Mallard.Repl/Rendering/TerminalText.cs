using System.Globalization;
using System.Text;
using Mallard.Display.Tables;

namespace Mallard.Repl.Rendering;

/// <summary>Terminal widths and the few escape sequences the REPL writes.</summary>
internal static class TerminalText
{
    public const string Reset = "\u001b[0m";
    public const string Bold = "\u001b[1m";
    public const string Red = "\u001b[31m";
    public const string Green = "\u001b[32m";
    public const string Yellow = "\u001b[33m";
    public const string Blue = "\u001b[34m";
    public const string Magenta = "\u001b[35m";
    public const string Cyan = "\u001b[36m";
    public const string Grey = "\u001b[90m";
    public const string ClearLine = "\u001b[2K";

    /// <summary>Columns <paramref name="text"/> takes: wide East Asian characters and emoji two, combining marks none.</summary>
    public static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes()) width += Width(rune);
        return width;
    }

    /// <summary>Columns <paramref name="rune"/> takes; a control character none (the terminal does not advance for it).</summary>
    public static int Width(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control ? 0 : TextWidth.Of(rune);

    /// <summary>Control characters (escape sequences in data) shown as visible text, so data never drives the terminal.</summary>
    public static string Visible(string text)
    {
        var needs = false;
        foreach (var ch in text)
        {
            if (ch < ' ' && ch is not '\n' and not '\t' || ch == '\u007f')
            {
                needs = true;
                break;
            }
        }
        if (!needs) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            if ((ch < ' ' && ch is not '\n' and not '\t') || ch == '\u007f')
                sb.Append("\\x").Append(((int)ch).ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append(ch);
        }
        return sb.ToString();
    }
}
