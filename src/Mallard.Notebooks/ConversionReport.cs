using System.Text.RegularExpressions;

namespace Mallard.Notebooks;

/// <summary>What became of one cell of a Polyglot notebook converted for the Mallard kernel.</summary>
/// <param name="Number">The cell's number, from 1.</param>
/// <param name="Kernel">The Polyglot kernel the cell was written for.</param>
/// <param name="Status">Kept (runs as written), rewritten (its first line changed), or unsupported (it will stop with an error saying why).</param>
/// <param name="Note">What was changed, or what the user should know; null when nothing.</param>
public sealed record CellConversion(int Number, string Kernel, ConversionStatus Status, string? Note);

/// <summary>How a cell came through a conversion.</summary>
public enum ConversionStatus
{
    Kept,
    Rewritten,
    Unsupported,
}

/// <summary>The per-cell report of a <c>.dib</c> converted for the Mallard kernel, and its summary.</summary>
public static partial class ConversionReport
{
    private static readonly Dictionary<string, string> OtherLanguages = new(StringComparer.Ordinal)
    {
        ["fsharp"] = "F#", ["pwsh"] = "PowerShell", ["powershell"] = "PowerShell", ["javascript"] = "JavaScript", ["kql"] = "KQL",
        ["mssql"] = "SQL Server T-SQL", ["http"] = "HTTP requests",
    };

    /// <summary>What <see cref="DibConverter.ToNotebook"/> does to each cell of <paramref name="document"/>.</summary>
    public static IReadOnlyList<CellConversion> For(DibDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var report = new List<CellConversion>();
        for (var i = 0; i < document.Cells.Count; i++)
        {
            var cell = document.Cells[i];
            var kernel = cell.KernelName;
            if (DibConverter.NamesOwnKernel(cell))
            {
                report.Add(new(i + 1, kernel, ConversionStatus.Kept, $"its first line addresses #!{kernel} itself"));
                continue;
            }
            report.Add(kernel switch
            {
                "markdown" => new(i + 1, kernel, ConversionStatus.Kept, null),
                "csharp" => new(i + 1, kernel, ConversionStatus.Kept, CSharpNote(cell.Content)),
                "sql" => new(i + 1, kernel, ConversionStatus.Rewritten, "first line #!sql: runs on the session's current connection (the gold warehouse)"),
                _ when kernel.StartsWith("sql-", StringComparison.Ordinal) =>
                    new(i + 1, kernel, ConversionStatus.Rewritten, $"first line #!sql --connection {kernel[4..]}: runs on the connection #!connect named {kernel[4..]}"),
                _ when OtherLanguages.TryGetValue(kernel, out var language) =>
                    new(i + 1, kernel, ConversionStatus.Unsupported, $"{language}: Mallard runs C# and SQL; the cell stops with an error saying so"),
                "html" or "mermaid" or "value" => new(i + 1, kernel, ConversionStatus.Rewritten, $"first line #!{kernel}: Mallard shows it as Polyglot does"),
                _ => new(i + 1, kernel, ConversionStatus.Rewritten, $"first line #!{kernel}: runs on the connection #!connect named {kernel}"),
            });
        }
        return report;
    }

    /// <summary>One line per cell and a summary, as <c>mallard convert</c> prints them.</summary>
    public static string Format(IReadOnlyList<CellConversion> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var width = report.Count == 0 ? 6 : Math.Max(6, report.Max(c => c.Kernel.Length));
        var sb = new System.Text.StringBuilder();
        foreach (var cell in report)
        {
            var line = $"cell {cell.Number,3}  {cell.Kernel.PadRight(width)}  {Word(cell.Status),-11}  {cell.Note}";
            sb.Append(line.TrimEnd()).Append('\n');
        }
        int Count(ConversionStatus s) => report.Count(c => c.Status == s);
        sb.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"{report.Count} cells: {Count(ConversionStatus.Kept)} kept, {Count(ConversionStatus.Rewritten)} rewritten, {Count(ConversionStatus.Unsupported)} unsupported.\n");
        return sb.ToString();
    }

    private static string Word(ConversionStatus status) => status switch
    {
        ConversionStatus.Kept => "kept",
        ConversionStatus.Rewritten => "rewritten",
        _ => "unsupported",
    };

    /// <summary>What a C# cell of a Polyglot notebook does differently in Mallard, if anything.</summary>
    private static string? CSharpNote(string content)
    {
        var connectors = PolyglotConnector().Matches(content).Select(m => m.Groups[1].Value).Distinct().ToList();
        return connectors.Count == 0
            ? null
            : $"{string.Join(", ", connectors)}: built into Mallard; the #r line only prints a note";
    }

    [GeneratedRegex("""#r\s+"nuget:\s*(Microsoft\.DotNet\.Interactive\.(?:DuckDB|PostgreSql|SQLite|SqlServer))""", RegexOptions.IgnoreCase)]
    private static partial Regex PolyglotConnector();
}
