namespace Mallard.DuckDb;

/// <summary>Why a database could not be opened.</summary>
public enum DuckDbOpenFailure
{
    /// <summary>Another process holds the file open for writing.</summary>
    Locked,

    /// <summary>The file does not exist and read-only access cannot create it.</summary>
    NotFound,

    /// <summary>A configuration option is unknown or has a bad value.</summary>
    InvalidOption,

    /// <summary>Anything else DuckDB reported (permissions, a corrupt or foreign file, ...).</summary>
    Other,
}

/// <summary>A database file could not be opened; <see cref="Failure"/> says why.</summary>
public sealed class DuckDbOpenException : DuckDbException
{
    public DuckDbOpenException()
    {
    }

    public DuckDbOpenException(string message)
        : base(message)
    {
    }

    public DuckDbOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DuckDbOpenException(string message, DuckDbOpenFailure failure, string path)
        : base(message, DuckDbErrorType.IO)
    {
        Failure = failure;
        Path = path;
    }

    public DuckDbOpenFailure Failure { get; } = DuckDbOpenFailure.Other;

    /// <summary>The database path as given.</summary>
    public string Path { get; } = "";
}
