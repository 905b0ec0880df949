using Mallard.Engine.Magics;

namespace Mallard.Engine.Completion;

/// <summary>Finds which region of a cell a position is in, following its magic lines as execution would.</summary>
internal static class CellRegions
{
    public static CellRegion Locate(string code, int position, CellLanguage defaultLanguage)
    {
        var offset = 0;
        var language = defaultLanguage == CellLanguage.Sql ? RegionKind.Sql : RegionKind.CSharp;
        string? connection = null;
        while (offset <= code.Length)
        {
            // Skip blank lines; a magic line may follow.
            var lineStart = offset;
            while (true)
            {
                var nl = code.IndexOf('\n', lineStart);
                var line = nl < 0 ? code[lineStart..] : code[lineStart..nl];
                if (line.Trim().Length == 0 && nl >= 0 && nl < position)
                {
                    lineStart = nl + 1;
                    continue;
                }
                break;
            }
            var end = code.IndexOf('\n', lineStart);
            if (end < 0) end = code.Length;
            var text = code[lineStart..end];
            if (!MagicParser.IsMagicLine(text)) return new CellRegion(language, offset, code.Length, connection);
            if (position >= lineStart && position <= end) return new CellRegion(RegionKind.Magic, lineStart, end);
            // A line that does not parse (it is still being typed) counts by its first word.
            MagicInvocation? parsed = null;
            try
            {
                parsed = MagicParser.ParseLine(text.TrimEnd('\r'), 0);
            }
            catch (MagicException)
            {
            }
            var body = parsed?.Spec.Body ?? MagicCatalog.Find(FirstWord(text).TrimStart('#', '!', '%'))?.Spec.Body;
            if (body == MagicBody.Sql)
            {
                language = RegionKind.Sql;
                connection = parsed?.Text("connection");
            }
            else if (body == MagicBody.CSharp)
            {
                language = RegionKind.CSharp;
            }
            offset = Math.Min(end + 1, code.Length);
            if (end >= code.Length) return new CellRegion(language, code.Length, code.Length, connection);
        }
        return new CellRegion(language, code.Length, code.Length, connection);
    }

    private static string FirstWord(string line)
    {
        var t = line.TrimStart();
        var space = t.IndexOfAny([' ', '\t']);
        return space < 0 ? t : t[..space];
    }
}
