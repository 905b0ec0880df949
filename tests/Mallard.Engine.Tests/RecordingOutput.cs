using Mallard.Display;

namespace Mallard.Engine.Tests;

/// <summary>Records what a cell writes, in order.</summary>
internal sealed class RecordingOutput : ICellOutput
{
    private readonly Queue<string?> _input = new();

    public List<object> Items { get; } = [];

    public List<(string Kind, MimeBundle Bundle, string? Id)> Displays =>
        [.. Items.OfType<(string, MimeBundle, string?)>()];

    public IEnumerable<MimeBundle> Results => Items.OfType<(string Kind, MimeBundle Bundle, string? Id)>().Where(i => i.Kind == "result").Select(i => i.Bundle);

    public IEnumerable<MimeBundle> Shown => Items.OfType<(string Kind, MimeBundle Bundle, string? Id)>().Where(i => i.Kind == "display").Select(i => i.Bundle);

    public IEnumerable<(string Kind, MimeBundle Bundle, string? Id)> Bundles => Items.OfType<(string Kind, MimeBundle Bundle, string? Id)>();

    public List<ProgressUpdate> Progress { get; } = [];

    public string Stdout => string.Concat(Items.OfType<(OutputStreamKind Stream, string Text)>().Where(s => s.Stream == OutputStreamKind.Stdout).Select(s => s.Text));

    public string Stderr => string.Concat(Items.OfType<(OutputStreamKind Stream, string Text)>().Where(s => s.Stream == OutputStreamKind.Stderr).Select(s => s.Text));

    public List<string> Prompts { get; } = [];

    public RecordingOutput WithInput(string? line)
    {
        _input.Enqueue(line);
        return this;
    }

    public void Display(MimeBundle bundle, string? displayId = null) => Items.Add(("display", bundle, displayId));

    public void UpdateDisplay(MimeBundle bundle, string displayId) => Items.Add(("update", bundle, (string?)displayId));

    public void ClearOutput(bool wait) => Items.Add(("clear", MimeBundle.Empty, wait ? "wait" : null));

    public void Stream(OutputStreamKind stream, string text)
    {
        Items.Add((stream, text));
        if (stream == OutputStreamKind.Stdout && text.Contains("started", StringComparison.Ordinal)) _started.TrySetResult();
    }

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _progressed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the cell writes a line with "started": a cell says so when the part to interrupt begins.</summary>
    public Task Started => _started.Task;

    /// <summary>Completes with the cell's first progress update (a query that has run for a while).</summary>
    public Task Progressed => _progressed.Task;

    public void Result(MimeBundle bundle) => Items.Add(("result", bundle, (string?)null));

    void ICellOutput.Progress(ProgressUpdate progress)
    {
        Progress.Add(progress);
        _progressed.TrySetResult();
    }

    public string? ReadLine(string prompt, bool password)
    {
        Prompts.Add(prompt);
        return _input.Count > 0 ? _input.Dequeue() : null;
    }
}
