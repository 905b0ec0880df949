using Mallard.DuckDb;

namespace Mallard.Engine.Connections;

/// <summary>
/// A DuckDB connection string as Polyglot's DuckDB connector (DuckDB.NET) takes it, for <c>#!connect duckdb</c> in Polyglot's
/// form: <c>Data Source=FILE</c> or <c>:memory:</c>, <c>Read Only=true</c> or <c>ACCESS_MODE=READ_ONLY</c>, and DuckDB settings
/// (<c>threads=4</c>, <c>allow_unsigned_extensions=true</c>), which the database opens with; or a bare path.
/// </summary>
public static class DuckDbConnectionString
{
    /// <summary>
    /// The options <paramref name="text"/> opens a database with (its path as written: relative paths resolve where it is opened).
    /// Bad input throws an <see cref="ArgumentException"/> saying what is wrong, never repeating the text (it may hold a secret).
    /// </summary>
    public static DuckDbDatabaseOptions Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException("#!connect duckdb needs a database: \"Data Source=FILE\" (or :memory:), optionally with ;Read Only=true.");
        text = text.Trim();
        if (!text.Contains('=', StringComparison.Ordinal)) return new DuckDbDatabaseOptions { Path = text };
        var builder = new DuckDbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = text;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The connection string is not one DuckDB takes ({e.Message}). Write \"Data Source=FILE\", optionally with ;Read Only=true.", e);
        }
        var keys = builder.Keys.Cast<string>().ToList();
        if (!keys.Any(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() is "DATASOURCE" or "DATABASE" or "PATH" or "FILENAME"))
            throw new ArgumentException($"The connection string names no database (it has {string.Join(", ", keys)}): add Data Source=FILE (or Data Source=:memory:).");
        var mode = keys.FirstOrDefault(k => k.Replace(" ", "_", StringComparison.Ordinal).Equals("access_mode", StringComparison.OrdinalIgnoreCase));
        if (mode is not null && builder[mode]?.ToString()?.ToUpperInvariant() is not ("READ_ONLY" or "READ_WRITE" or "AUTOMATIC"))
            throw new ArgumentException($"ACCESS_MODE takes READ_ONLY, READ_WRITE or AUTOMATIC, not '{builder[mode]}'.");
        var options = builder.ToOptions();
        return string.IsNullOrEmpty(options.Path) ? options with { Path = DuckDbDatabaseOptions.InMemory } : options;
    }
}
