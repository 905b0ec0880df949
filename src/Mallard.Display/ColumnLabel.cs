namespace Mallard.Display;

/// <summary>Column names as people read them: <c>customer_segment</c> is "Customer segment", <c>aov</c> is "AOV".</summary>
public static class ColumnLabel
{
    private static readonly HashSet<string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "aov", "ltv", "vip", "usd", "eur", "gbp", "kpi", "url", "sql", "gmv", "iso", "utc", "api", "csv", "nps", "roi", "mrr", "arr", "cac",
    };

    /// <summary>
    /// The name with underscores as spaces, its first word capitalised and known acronyms in capitals. A name that already has
    /// capitals or spaces ("Late payments") is taken to be written for people and kept.
    /// </summary>
    public static string Readable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Any(c => char.IsUpper(c) || c == ' ')) return name;
        var words = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return name;
        for (var i = 0; i < words.Length; i++)
        {
            if (Acronyms.Contains(words[i])) words[i] = words[i].ToUpperInvariant();
            else if (i == 0) words[i] = char.ToUpperInvariant(words[i][0]) + words[i][1..];
        }
        return string.Join(' ', words);
    }

    /// <summary>The words of a name, in lower case: <c>avg_order_value</c> is avg, order, value.</summary>
    internal static string[] Words(string name) =>
        name.ToLowerInvariant().Split(['_', ' ', '-', '.'], StringSplitOptions.RemoveEmptyEntries);
}
