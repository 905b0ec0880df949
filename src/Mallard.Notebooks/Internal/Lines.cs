namespace Mallard.Notebooks.Internal;

/// <summary>Multiline text as nbformat stores it: a list of lines, each keeping its line end (Python's <c>splitlines(True)</c>).</summary>
internal static class Lines
{
    /// <summary>Splits after every line boundary Python's <c>str.splitlines</c> knows; "\r\n" counts as one.</summary>
    public static List<string> Split(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsBreak(c)) continue;
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    private static bool IsBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';
}
