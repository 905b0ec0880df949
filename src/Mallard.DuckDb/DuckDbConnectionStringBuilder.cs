using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mallard.DuckDb;

/// <summary>
/// Connection strings for <see cref="DuckDbConnection"/>: <c>Data Source=warehouse.duckdb;Read Only=true;Threads=4;Memory Limit=2GB</c>.
/// Any other key is passed to DuckDB as a configuration option of that name.
/// </summary>
public sealed class DuckDbConnectionStringBuilder : DbConnectionStringBuilder
{
    private static readonly string[] DataSourceKeys = ["Data Source", "DataSource", "Database", "Path", "Filename"];
    private static readonly string[] ReadOnlyKeys = ["Read Only", "ReadOnly"];

    [AllowNull]
    public string DataSource
    {
        get => Get(DataSourceKeys) ?? DuckDbDatabaseOptions.InMemory;
        set => this["Data Source"] = value ?? DuckDbDatabaseOptions.InMemory;
    }

    public bool ReadOnly
    {
        get
        {
            var text = Get(ReadOnlyKeys);
            if (text is null)
            {
                var mode = Get(["Access Mode", "access_mode"]);
                return string.Equals(mode, "READ_ONLY", StringComparison.OrdinalIgnoreCase) || string.Equals(mode, "ReadOnly", StringComparison.OrdinalIgnoreCase);
            }
            return bool.TryParse(text, out var value)
                ? value
                : throw new ArgumentException($"The connection string's Read Only value '{text}' is not true or false.");
        }
        set => this["Read Only"] = value;
    }

    /// <summary>The options these settings open a database with.</summary>
    public DuckDbDatabaseOptions ToOptions()
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int? threads = null;
        string? memory = null;
        foreach (string key in Keys)
        {
            var value = Convert.ToString(this[key], CultureInfo.InvariantCulture) ?? "";
            if (DataSourceKeys.Contains(key, StringComparer.OrdinalIgnoreCase) || ReadOnlyKeys.Contains(key, StringComparer.OrdinalIgnoreCase)
                || key.Equals("Access Mode", StringComparison.OrdinalIgnoreCase) || key.Equals("access_mode", StringComparison.OrdinalIgnoreCase))
                continue;
            if (key.Equals("Threads", StringComparison.OrdinalIgnoreCase))
            {
                threads = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) && t > 0
                    ? t
                    : throw new ArgumentException($"The connection string's Threads value '{value}' is not a positive whole number.");
                continue;
            }
            if (key.Equals("Memory Limit", StringComparison.OrdinalIgnoreCase) || key.Equals("memory_limit", StringComparison.OrdinalIgnoreCase))
            {
                memory = value;
                continue;
            }
            settings[key] = value;
        }
        return new DuckDbDatabaseOptions { Path = DataSource, ReadOnly = ReadOnly, Threads = threads, MemoryLimit = memory, Settings = settings };
    }

    private string? Get(string[] keys)
    {
        foreach (var key in keys)
            if (TryGetValue(key, out var value) && value is not null) return Convert.ToString(value, CultureInfo.InvariantCulture);
        return null;
    }
}
