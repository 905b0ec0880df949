using Mallard.Engine;

namespace Mallard.Jupyter.Kernel;

/// <summary>The kernel's engine: a <see cref="Session"/>.</summary>
internal sealed class SessionEngine(Session session) : IKernelEngine
{
    public Task<CellOutcome> ExecuteAsync(string code, ICellOutput output, CancellationToken cancellationToken)
        => session.ExecuteAsync(code, output, cancellationToken);

    // The session does not offer completion or inspection yet: answer "nothing here" rather than an error.
    public Task<CompletionResult> CompleteAsync(string code, int position, CancellationToken cancellationToken)
        => Task.FromResult(CompletionResult.None(position));

    public Task<InspectionResult> InspectAsync(string code, int position, CancellationToken cancellationToken)
        => Task.FromResult(InspectionResult.NotFound);

    public InputCompleteness IsComplete(string code) => session.IsComplete(code);

    public void Interrupt() => session.Interrupt();

    public ValueTask DisposeAsync() => session.DisposeAsync();
}
