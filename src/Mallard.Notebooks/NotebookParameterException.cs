namespace Mallard.Notebooks;

/// <summary>A parameter given for a run cannot be injected: no cell tagged <c>parameters</c>, a name it does not assign, or a value that does not fit the type it declares.</summary>
public sealed class NotebookParameterException : Exception
{
    public NotebookParameterException()
    {
    }

    public NotebookParameterException(string message)
        : base(message)
    {
    }

    public NotebookParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
