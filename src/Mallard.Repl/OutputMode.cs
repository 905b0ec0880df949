namespace Mallard.Repl;

/// <summary>How the REPL prints results (<c>.mode</c>).</summary>
public enum OutputMode
{
    /// <summary>Aligned columns with names, types and a row count (Display's text table), bounded by <c>.maxrows</c>.</summary>
    Table,

    /// <summary>The same table drawn in box-drawing lines, as the DuckDB command line's default <c>box</c> mode.</summary>
    Box,

    /// <summary>RFC 4180 CSV with a header row, every row.</summary>
    Csv,

    /// <summary>A JSON array of objects, one per row, every row.</summary>
    Json,

    /// <summary>A Markdown (GitHub) table, every row.</summary>
    Markdown,

    /// <summary>One <c>column = value</c> line per value, a blank line between rows, every row.</summary>
    Line,
}
