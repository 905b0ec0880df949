using Mallard.Display;
using Mallard.Engine;

namespace Mallard.Jupyter.Kernel;

/// <summary>
/// A running cell's outputs as IOPub messages, parented to its execute_request: stream, display_data,
/// update_display_data, execute_result; progress as a display updated in place and completed at the end;
/// input through stdin when the front end allows it. A silent request publishes nothing.
/// </summary>
internal sealed class KernelCellOutput(JupyterKernel kernel, KernelRequest request, int executionCount, bool silent, bool allowStdin) : ICellOutput
{
    private readonly Dictionary<string, ProgressDisplay> _progress = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The text/plain of the cell's result, for history with output.</summary>
    public string? ResultText { get; private set; }

    private byte[] Parent => request.Message.HeaderBytes;

    public void Display(MimeBundle bundle, string? displayId = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (silent) return;
        kernel.Publisher.Publish("display_data", Parent, DisplayContent(bundle, displayId));
    }

    public void ClearOutput(bool wait)
    {
        if (silent) return;
        kernel.Publisher.Publish("clear_output", Parent, JsonContent.Object(w => w.WriteBoolean("wait", wait)));
    }

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentException.ThrowIfNullOrEmpty(displayId);
        if (silent) return;
        kernel.Publisher.Publish("update_display_data", Parent, DisplayContent(bundle, displayId));
    }

    public void Stream(OutputStreamKind stream, string text)
    {
        if (silent || string.IsNullOrEmpty(text)) return;
        kernel.Publisher.Publish("stream", Parent, JsonContent.Object(w =>
        {
            w.WriteString("name", stream == OutputStreamKind.Stderr ? "stderr" : "stdout");
            w.WriteString("text", text);
        }));
    }

    public void Result(MimeBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (!bundle.Contains(MimeTypes.PlainText)) bundle = bundle.WithText(MimeTypes.PlainText, bundle.ToString());
        ResultText = bundle[MimeTypes.PlainText];
        if (silent) return;
        kernel.Publisher.Publish("execute_result", Parent, JsonContent.Object(w =>
        {
            w.WriteNumber("execution_count", executionCount);
            w.WritePropertyName("data");
            w.WriteRawValue(bundle.ToDataJson(), skipInputValidation: true);
            w.WritePropertyName("metadata");
            w.WriteRawValue(bundle.MetadataJson, skipInputValidation: true);
        }));
    }

    public void Progress(ProgressUpdate progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (silent) return;
        ProgressDisplay display;
        bool first;
        lock (_lock)
        {
            first = !_progress.TryGetValue(progress.Id, out display!);
            if (first)
            {
                display = new ProgressDisplay("mallard-progress-" + Guid.NewGuid().ToString("N"));
                _progress[progress.Id] = display;
            }
            if (progress.Done) _progress.Remove(progress.Id);
        }
        // A bar that finishes before it was ever shown is not worth showing.
        if (first && progress.Done) return;
        var bundle = display.Render(progress);
        if (first) Display(bundle, display.DisplayId);
        else UpdateDisplay(bundle, display.DisplayId);
    }

    /// <summary>The running cell's cancellation: an interrupt ends a wait for input.</summary>
    public CancellationToken CellToken { get; set; }

    public string? ReadLine(string prompt, bool password)
    {
        if (silent || !allowStdin) return null;
        return kernel.RequestInput(request, prompt ?? "", password, CellToken);
    }

    /// <summary>Completes any progress bar the engine left open (an interrupted or failed query).</summary>
    public void Complete()
    {
        List<ProgressDisplay> open;
        lock (_lock)
        {
            open = [.. _progress.Values];
            _progress.Clear();
        }
        foreach (var display in open) UpdateDisplay(display.RenderStopped(), display.DisplayId);
    }

    private static byte[] DisplayContent(MimeBundle bundle, string? displayId) => JsonContent.Object(w =>
    {
        w.WritePropertyName("data");
        w.WriteRawValue(bundle.ToDataJson(), skipInputValidation: true);
        w.WritePropertyName("metadata");
        w.WriteRawValue(bundle.MetadataJson, skipInputValidation: true);
        w.WriteStartObject("transient");
        if (displayId is not null) w.WriteString("display_id", displayId);
        w.WriteEndObject();
    });
}
