namespace Mallard.Notebooks;

/// <summary>The error a cell ended with.</summary>
/// <param name="name">The error's name (<c>ename</c>).</param>
/// <param name="value">Its message (<c>evalue</c>).</param>
/// <param name="traceback">Lines to show (<c>traceback</c>).</param>
public sealed class ErrorOutput(string name, string value, IReadOnlyList<string> traceback) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => "error";

    /// <summary>The error's name (<c>ename</c>).</summary>
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>Its message (<c>evalue</c>).</summary>
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Lines to show (<c>traceback</c>).</summary>
    public IReadOnlyList<string> Traceback { get; } = traceback ?? throw new ArgumentNullException(nameof(traceback));
}
