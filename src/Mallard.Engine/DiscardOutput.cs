using Mallard.Display;

namespace Mallard.Engine;

/// <summary>Output nobody sees: for a cell run only for its effect (the session's warm-up cell, a benchmark's cells).</summary>
public sealed class DiscardOutput : ICellOutput
{
    public static DiscardOutput Instance { get; } = new();

    private DiscardOutput()
    {
    }

    public void Display(MimeBundle bundle, string? displayId = null) { }

    public void UpdateDisplay(MimeBundle bundle, string displayId) { }

    public void Stream(OutputStreamKind stream, string text) { }

    public void Result(MimeBundle bundle) { }

    public void Progress(ProgressUpdate progress) { }

    /// <summary>No input: a cell that asks for a line is told none is available.</summary>
    public string? ReadLine(string prompt, bool password) => null;
}
