namespace Mallard.DuckDb;

/// <summary>The native DuckDB library could not be found, loaded, or is the wrong version.</summary>
public sealed class DuckDbLibraryException : InvalidOperationException
{
    public DuckDbLibraryException()
    {
    }

    public DuckDbLibraryException(string message)
        : base(message)
    {
    }

    public DuckDbLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
