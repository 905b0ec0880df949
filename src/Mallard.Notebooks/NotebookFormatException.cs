namespace Mallard.Notebooks;

/// <summary>A notebook file could not be read: not JSON, or not the shape nbformat 4 (or a <c>.dib</c>) requires. The message names the problem and where.</summary>
public sealed class NotebookFormatException : Exception
{
    public NotebookFormatException()
    {
    }

    public NotebookFormatException(string message)
        : base(message)
    {
    }

    public NotebookFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
