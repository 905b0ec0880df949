namespace Mallard.Notebooks;

/// <summary>One output of a code cell: a stream, display data, an execute result or an error.</summary>
public abstract class NotebookOutput
{
    private protected NotebookOutput()
    {
    }

    /// <summary>nbformat's <c>output_type</c>: <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</summary>
    public abstract string OutputType { get; }
}
