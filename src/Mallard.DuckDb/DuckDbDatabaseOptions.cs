using System.Globalization;

namespace Mallard.DuckDb;

/// <summary>How to open a DuckDB database: immutable, owned by whoever opens it.</summary>
public sealed record DuckDbDatabaseOptions
{
    /// <summary>The path of the database file, or <c>:memory:</c> (the default) for an in-memory database.</summary>
    public string Path { get; init; } = InMemory;

    /// <summary>Open read-only: the file must exist, and other processes may read it at the same time.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Worker threads (DuckDB's <c>threads</c>); null leaves DuckDB's default (the core count).</summary>
    public int? Threads { get; init; }

    /// <summary>DuckDB's <c>memory_limit</c>, for example <c>"4GB"</c>; null leaves DuckDB's default.</summary>
    public string? MemoryLimit { get; init; }

    /// <summary>Any other DuckDB configuration option by name (see <c>duckdb_settings()</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The catalog name to attach the file under (in an in-memory instance whose connections all <c>USE</c> it), instead of the
    /// name DuckDB takes from the file's name. Null: DuckDB's name, unless that name is also a schema in the file (a
    /// <c>gold.duckdb</c> holding a schema <c>gold</c>, where <c>gold.table</c> would be ambiguous): then the file is attached
    /// as NAME_db by itself.
    /// </summary>
    public string? Alias { get; init; }

    public const string InMemory = ":memory:";

    public bool IsInMemory => string.IsNullOrEmpty(Path) || Path == InMemory;

    /// <summary>Every option as DuckDB configuration name and value, in the order they are applied.</summary>
    internal IEnumerable<KeyValuePair<string, string>> ConfigEntries()
    {
        // Extensions are never downloaded behind the user's back; the bundled ones still load.
        yield return new("autoinstall_known_extensions", "false");
        if (ReadOnly) yield return new("access_mode", "READ_ONLY");
        if (Threads is { } threads) yield return new("threads", threads.ToString(CultureInfo.InvariantCulture));
        if (MemoryLimit is { } limit) yield return new("memory_limit", limit);
        foreach (var setting in Settings) yield return setting;
    }
}
