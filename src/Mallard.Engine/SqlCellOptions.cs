namespace Mallard.Engine;

/// <summary>
/// How a SQL cell runs: what <c>#!sql</c>'s options say in the Mallard kernel, and what a host with SQL cells of its own
/// (the .NET Interactive extension's SQL kernels) passes to <see cref="Session.ExecuteSqlAsync"/>.
/// </summary>
public sealed record SqlCellOptions
{
    /// <summary>Plain SQL on the current connection, result shown.</summary>
    public static SqlCellOptions Default { get; } = new();

    /// <summary>The variable that keeps the last result as a <see cref="Mallard.Data.Frame"/>, or null.</summary>
    public string? Name { get; init; }

    /// <summary>The connection to run on, by name; null: the current one.</summary>
    public string? Connection { get; init; }

    /// <summary>Show at most this many rows (the kept frame has them all); null: the display's default.</summary>
    public int? Limit { get; init; }

    /// <summary>
    /// Formats of the shown result's columns, as <c>#!sql --format</c> takes them: <c>"revenue=currency, share=percent:1"</c>
    /// (see <see cref="Mallard.Display.ValueFormat.Parse"/>); null: each column's by its type and name.
    /// </summary>
    public string? Formats { get; init; }

    /// <summary>Show headers as people read them ("Customer segment"); the kept frame keeps its names.</summary>
    public bool ReadableLabels { get; init; }

    /// <summary>Show nothing (the result is only kept).</summary>
    public bool Quiet { get; init; }

    /// <summary>
    /// How many lines of the host's cell come before the SQL (its magic lines), so that error positions name the line
    /// of the cell the user sees.
    /// </summary>
    public int LinesBefore { get; init; }
}
