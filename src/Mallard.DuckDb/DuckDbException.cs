using System.Data.Common;

namespace Mallard.DuckDb;

/// <summary>
/// An error reported by DuckDB, with DuckDB's own message and error class. When DuckDB names where in the
/// SQL text the error lies, <see cref="Position"/> holds that character offset.
/// </summary>
public class DuckDbException : DbException
{
    public DuckDbException()
    {
    }

    public DuckDbException(string message)
        : base(message)
    {
    }

    public DuckDbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DuckDbException(string message, DuckDbErrorType errorType, int? position = null, string? sql = null)
        : base(message)
    {
        ErrorType = errorType;
        Position = position;
        Sql = sql;
    }

    /// <summary>DuckDB's error class, for example <see cref="DuckDbErrorType.Parser"/> or <see cref="DuckDbErrorType.Catalog"/>.</summary>
    public DuckDbErrorType ErrorType { get; }

    /// <summary>The character offset in <see cref="Sql"/> where DuckDB places the error, when it says.</summary>
    public int? Position { get; }

    /// <summary>The SQL text the error refers to, when known.</summary>
    public string? Sql { get; }

    /// <summary>DuckDB's message without the context lines DuckDB appends (the "LINE 1: ..." excerpt).</summary>
    public string ShortMessage => Message.Split('\n')[0];
}
