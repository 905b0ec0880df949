using System.Globalization;
using System.Text;

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

    public static int Width(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format or UnicodeCategory.Control) return 0;
        var v = rune.Value;
        var wide = v is >= 0x1100 and <= 0x115F
            or >= 0x2E80 and <= 0x303E
            or >= 0x3041 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x1F300 and <= 0x1F64F
            or >= 0x1F900 and <= 0x1F9FF
            or >= 0x20000 and <= 0x3FFFD;
        return wide ? 2 : 1;
    }

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
