using Mallard.Engine;

namespace Mallard.Repl;

/// <summary>How <c>mallard repl</c> starts.</summary>
public sealed record ReplOptions
{
    /// <summary>
    /// The session the host assembles (its connection providers, and in <see cref="SessionOptions.WarehousePath"/> the
    /// gold warehouse opened when <see cref="Database"/> is null). The REPL sets the rest from these options.
    /// </summary>
    public SessionOptions Session { get; init; } = SessionOptions.Default;

    /// <summary>The DuckDB file to open, <c>:memory:</c>, or null for the gold warehouse (read-only).</summary>
    public string? Database { get; init; }

    /// <summary>Open <see cref="Database"/> read-only (the gold warehouse always opens read-only).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Start in C# mode instead of SQL.</summary>
    public bool CSharp { get; init; }

    /// <summary>Commands to run instead of reading input (<c>-c</c>); the REPL exits after them.</summary>
    public string? Command { get; init; }

    /// <summary>How results print at start (<c>--mode</c>; <c>.mode</c> changes it).</summary>
    public OutputMode Mode { get; init; } = OutputMode.Table;

    /// <summary>Rows a table shows at start; 0 shows every row.</summary>
    public int MaxRows { get; init; } = 40;

    /// <summary>The history file; null for the default in the user's data directory.</summary>
    public string? HistoryPath { get; init; }

    /// <summary>The directory relative paths resolve against; null for the current directory.</summary>
    public string? WorkingDirectory { get; init; }
}
