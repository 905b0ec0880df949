using System.Globalization;
using Mallard.Display;
using Mallard.Engine;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Mallard.Interactive;

/// <summary>
/// What a Mallard SQL cell produces, as .NET Interactive events on the command that ran it. Once the cell is cancelled it
/// publishes nothing more: .NET Interactive ends the cell itself then, and events of the cell published meanwhile from
/// another thread raced with its own.
/// </summary>
internal sealed class InteractiveOutput(KernelInvocationContext context, KernelCommand command, MallardHost host) : ICellOutput
{
    private readonly HashSet<string> _progressShown = [];

    public void Display(MimeBundle bundle, string? displayId = null) =>
        Publish(new DisplayedValueProduced(bundle, command, host.Formatted(bundle), displayId ?? NewId()));

    public void UpdateDisplay(MimeBundle bundle, string displayId) =>
        Publish(new DisplayedValueUpdated(bundle, displayId, command, host.Formatted(bundle)));

    public void Stream(OutputStreamKind stream, string text)
    {
        FormattedValue[] values = [new(PlainTextFormatter.MimeType, text)];
        Publish(stream == OutputStreamKind.Stdout
            ? new StandardOutputValueProduced(command, values)
            : new StandardErrorValueProduced(command, values));
    }

    public void Result(MimeBundle bundle) =>
        Publish(new ReturnValueProduced(bundle, command, host.Formatted(bundle), NewId()));

    /// <summary>A query running longer than half a second shows a line that its later updates replace, ending in its time.</summary>
    public void Progress(ProgressUpdate progress)
    {
        var seconds = progress.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var text = progress.Done
            ? $"{progress.Label}: done in {seconds} s"
            : progress.Fraction is { } f
                ? $"{progress.Label}: {(f * 100).ToString("0", CultureInfo.InvariantCulture)}% after {seconds} s"
                : $"{progress.Label}: running for {seconds} s";
        FormattedValue[] values = [new(PlainTextFormatter.MimeType, text)];
        if (_progressShown.Add(progress.Id)) Publish(new DisplayedValueProduced(text, command, values, progress.Id));
        else Publish(new DisplayedValueUpdated(text, progress.Id, command, values));
    }

    /// <summary>SQL cells never read input.</summary>
    public string? ReadLine(string prompt, bool password) => null;

    private void Publish(KernelEvent kernelEvent)
    {
        if (!context.CancellationToken.IsCancellationRequested) context.Publish(kernelEvent);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}
