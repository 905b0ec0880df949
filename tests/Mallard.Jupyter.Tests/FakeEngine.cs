using Mallard.Display;
using Mallard.Engine;
using Mallard.Jupyter.Kernel;

namespace Mallard.Jupyter.Tests;

/// <summary>
/// A tiny stand-in for the session, for testing the kernel's protocol handling only. Cells are commands:
/// <c>noop</c>, <c>result:TEXT</c>, <c>print:TEXT</c>, <c>display</c>, <c>error:TEXT</c>, <c>slow-error</c>, <c>long</c>, <c>input</c>.
/// </summary>
internal sealed class FakeEngine : IKernelEngine
{
    private volatile bool _interrupted;

    public async Task<CellOutcome> ExecuteAsync(string code, string? kernelName, ICellOutput output, CancellationToken cancellationToken)
    {
        _interrupted = false;
        var (command, argument) = code.Contains(':', StringComparison.Ordinal) ? (code[..code.IndexOf(':', StringComparison.Ordinal)], code[(code.IndexOf(':', StringComparison.Ordinal) + 1)..]) : (code, "");
        switch (command)
        {
            case "noop":
                break;
            case "result":
                output.Result(MimeBundle.Empty.WithText(MimeTypes.PlainText, argument));
                break;
            case "print":
                output.Stream(OutputStreamKind.Stdout, argument + "\n");
                break;
            case "display":
                output.Display(MimeBundle.Empty.WithText(MimeTypes.Html, "<b>table</b>").WithText(MimeTypes.PlainText, "table"));
                output.Progress(new ProgressUpdate("q1", "SELECT 1", 0.5, TimeSpan.FromSeconds(1), Done: false));
                output.Progress(new ProgressUpdate("q1", "SELECT 1", 1, TimeSpan.FromSeconds(2), Done: true));
                break;
            case "error":
                return Failed(argument);
            case "slow-error":
                await Task.Delay(1500, CancellationToken.None);
                return Failed("slow failure");
            case "long":
                var until = DateTime.UtcNow.AddSeconds(60);
                while (!_interrupted && !cancellationToken.IsCancellationRequested && DateTime.UtcNow < until) await Task.Delay(10, CancellationToken.None);
                return new CellOutcome(CellStatus.Cancelled, new CellError(CellErrorKind.Interrupted, "Interrupted", "The cell was interrupted.", ["Interrupted"]), TimeSpan.Zero);
            case "input":
                var value = await Task.Run(() => output.ReadLine("name? ", false), CancellationToken.None);
                output.Stream(OutputStreamKind.Stdout, "hello " + (value ?? "(no input)") + "\n");
                break;
            default:
                return Failed("unknown fake command " + command);
        }
        return new CellOutcome(CellStatus.Ok, null, TimeSpan.Zero);
    }

    private static CellOutcome Failed(string message)
        => new(CellStatus.Error, new CellError(CellErrorKind.Runtime, "FakeError", message, ["FakeError: " + message]), TimeSpan.Zero);

    public Task<CompletionResult> CompleteAsync(string code, int position, CancellationToken cancellationToken)
    {
        var start = position;
        while (start > 0 && char.IsLetter(code[start - 1])) start--;
        return Task.FromResult(new CompletionResult(start, position, [new CompletionItem("Console", "class"), new CompletionItem("Convert", "class", "static class Convert")]));
    }

    public Task<InspectionResult> InspectAsync(string code, int position, CancellationToken cancellationToken)
        => Task.FromResult(new InspectionResult(true, MimeBundle.Empty.WithText(MimeTypes.PlainText, $"fake symbol at {position}")));

    public InputCompleteness IsComplete(string code)
        => code.EndsWith('{') ? InputCompleteness.Incomplete : code.EndsWith("}}", StringComparison.Ordinal) ? InputCompleteness.Invalid : InputCompleteness.Complete;

    public Task WarmUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OptimizeCompilerAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Interrupt() => _interrupted = true;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
