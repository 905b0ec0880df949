using Mallard.Data;
using Mallard.Engine.Connections;

namespace Mallard.Engine.Completion;

/// <summary>SQL completion through DuckDB's own autocomplete (<c>sql_auto_complete</c>), which knows keywords, functions, schemas, tables and columns.</summary>
internal static class SqlCompletion
{
    private const int MaxItems = 200;

    public static CompletionResult Complete(string code, int position, CellRegion region, SessionConnection? connection)
    {
        var side = connection?.SideConnection;
        var wordStart = position;
        while (wordStart > region.Start && IsWordChar(code[wordStart - 1])) wordStart--;
        if (side is null) return CompletionResult.None(position);
        var text = code[region.Start..position];
        // A table function's argument must be a constant, so the text goes in as a quoted literal (quotes doubled).
        var literal = SqlText.Literal(text);
        var frame = side.Query(
            "SELECT suggestion, suggestion_start, suggestion_type FROM sql_auto_complete(" + literal + ") LIMIT "
            + MaxItems.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (frame.RowCount == 0) return CompletionResult.None(position);
        var suggestions = frame.GetColumn<StringColumn>("suggestion");
        var starts = frame["suggestion_start"];
        var types = frame.GetColumn<StringColumn>("suggestion_type");
        var start = region.Start + Convert.ToInt32(starts.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        var items = new List<CompletionItem>(frame.RowCount);
        for (var i = 0; i < frame.RowCount; i++)
        {
            var suggestion = suggestions[i];
            if (suggestion is null) continue;
            suggestion = suggestion.TrimEnd();
            if (suggestion.Length == 0) continue;
            items.Add(new CompletionItem(suggestion, types[i] ?? "keyword"));
        }
        return new CompletionResult(Math.Clamp(start, region.Start, position), position, items);
    }

    /// <summary>The (possibly dotted) name around <paramref name="position"/>.</summary>
    public static string WordAt(string code, int position)
    {
        var start = position;
        while (start > 0 && (IsWordChar(code[start - 1]) || code[start - 1] == '.')) start--;
        var end = position;
        while (end < code.Length && IsWordChar(code[end])) end++;
        return code[start..end].Trim('.');
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
