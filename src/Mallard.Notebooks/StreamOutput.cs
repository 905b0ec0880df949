namespace Mallard.Notebooks;

/// <summary>Text written to standard output or standard error.</summary>
public sealed class StreamOutput : NotebookOutput
{
    /// <summary>Text on a stream.</summary>
    /// <param name="name"><c>stdout</c> or <c>stderr</c>.</param>
    /// <param name="text">The text written.</param>
    public StreamOutput(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        Name = name;
        Text = text;
    }

    /// <inheritdoc />
    public override string OutputType => "stream";

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Name { get; }

    /// <summary>The text, lines joined with their line ends.</summary>
    public string Text { get; set; }
}
