using System.Data.Common;

namespace Mallard.Interactive;

/// <summary>
/// A DuckDB connection string as Polyglot's DuckDB connector (DuckDB.NET) takes it: <c>Data Source=FILE</c> or
/// <c>:memory:</c>, <c>Read Only=true</c> or <c>ACCESS_MODE=READ_ONLY</c>, and DuckDB settings (<c>threads=4</c>); or a bare path.
/// </summary>
internal sealed record DuckDbConnectionString(string Path, bool ReadOnly, IReadOnlyList<(string Name, string Value)> Settings)
{
    public static DuckDbConnectionString Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException("#!connect duckdb needs a database: \"Data Source=FILE\" (or :memory:), optionally with ;Read Only=true.");
        text = text.Trim();
        if (!text.Contains('=', StringComparison.Ordinal)) return new(text, false, []);
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = text;
        }
        catch (ArgumentException e)
        {
            // The text itself is not repeated: it may hold a secret (an S3 key among the settings).
            throw new ArgumentException($"The connection string is not one DuckDB takes ({e.Message}). Write \"Data Source=FILE\", optionally with ;Read Only=true.", e);
        }
        string? path = null;
        var readOnly = false;
        var settings = new List<(string, string)>();
        foreach (string key in builder.Keys)
        {
            var value = builder[key]?.ToString() ?? "";
            switch (key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            {
                case "DATASOURCE":
                    path = value.Length == 0 ? ":memory:" : value;
                    break;
                case "READONLY":
                    readOnly = bool.TryParse(value, out var b) ? b : throw new ArgumentException($"Read Only takes true or false, not '{value}'.");
                    break;
                case "ACCESS_MODE":
                    readOnly = value.ToUpperInvariant() switch
                    {
                        "READ_ONLY" => true,
                        "READ_WRITE" or "AUTOMATIC" => false,
                        _ => throw new ArgumentException($"ACCESS_MODE takes READ_ONLY, READ_WRITE or AUTOMATIC, not '{value}'."),
                    };
                    break;
                default:
                    settings.Add((key, value));
                    break;
            }
        }
        return new(path ?? throw new ArgumentException($"The connection string names no database (it has {string.Join(", ", settings.Select(x => x.Item1).Prepend(readOnly ? "Read Only" : null).OfType<string>().DefaultIfEmpty("no key"))}): add Data Source=FILE (or Data Source=:memory:)."), readOnly, settings);
    }
}
