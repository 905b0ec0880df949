using Mallard.Display;
using Mallard.Engine;

namespace Mallard.Notebooks.Internal;

/// <summary>
/// Records what a running cell produces as nbformat outputs of that cell. Progress is not recorded; an
/// update of a display replaces the earlier output with that id, in whichever cell of the run it is.
/// Calls come from the engine's thread; after <see cref="Close"/> (the cell ended or was abandoned) late
/// calls are ignored.
/// </summary>
internal sealed class CellRecorder(NotebookCell cell, int executionCount, Dictionary<string, List<DisplayDataOutput>> displays) : ICellOutput
{
    private readonly Lock _lock = new();
    private bool _closed;
    private bool _clearOnNext;

    /// <summary>clear_output(): the outputs so far go now, or (waiting) just before the next one comes.</summary>
    public void ClearOutput(bool wait)
    {
        lock (_lock)
        {
            if (_closed) return;
            if (wait) _clearOnNext = true;
            else Clear();
        }
    }

    private void Clear()
    {
        _clearOnNext = false;
        lock (displays)
        {
            foreach (var list in displays.Values) list.RemoveAll(o => cell.Outputs.Contains(o));
        }
        cell.Outputs.Clear();
    }

    private void ClearIfWaiting()
    {
        if (_clearOnNext) Clear();
    }

    public void Display(MimeBundle bundle, string? displayId = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        lock (_lock)
        {
            if (_closed) return;
            ClearIfWaiting();
            var output = DisplayDataOutput.From(bundle, displayId);
            cell.Outputs.Add(output);
            if (displayId is null) return;
            lock (displays)
            {
                if (!displays.TryGetValue(displayId, out var list)) displays[displayId] = list = [];
                list.Add(output);
            }
        }
    }

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        lock (_lock)
        {
            if (_closed) return;
            lock (displays)
            {
                // As Jupyter: an update for an id never shown changes nothing.
                if (!displays.TryGetValue(displayId, out var list)) return;
                foreach (var output in list)
                {
                    output.Data = RichOutput.DataFrom(bundle);
                    output.Metadata = RichOutput.MetadataFrom(bundle);
                }
            }
        }
    }

    public void Stream(OutputStreamKind stream, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = stream == OutputStreamKind.Stderr ? "stderr" : "stdout";
        lock (_lock)
        {
            if (_closed || text.Length == 0) return;
            ClearIfWaiting();
            // Consecutive writes to one stream make one output, as Jupyter front ends show them.
            if (cell.Outputs.Count > 0 && cell.Outputs[^1] is StreamOutput last && last.Name == name) last.Text += text;
            else cell.Outputs.Add(new StreamOutput(name, text));
        }
    }

    public void Result(MimeBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        lock (_lock)
        {
            if (_closed) return;
            ClearIfWaiting();
            cell.Outputs.Add(ExecuteResultOutput.From(bundle, executionCount));
        }
    }

    public void Progress(ProgressUpdate progress)
    {
        // A report shows where a run ended, not how it got there.
    }

    public string? ReadLine(string prompt, bool password) => null;

    /// <summary>Adds the cell's error output and stops recording.</summary>
    public void Close(ErrorOutput? error)
    {
        lock (_lock)
        {
            if (_closed) return;
            _closed = true;
            if (error is not null) cell.Outputs.Add(error);
        }
    }
}
