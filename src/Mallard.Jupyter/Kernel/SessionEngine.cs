using Mallard.Engine;

namespace Mallard.Jupyter.Kernel;

/// <summary>The kernel's engine: a <see cref="Session"/>.</summary>
internal sealed class SessionEngine(Session session) : IKernelEngine
{
    public Task<CellOutcome> ExecuteAsync(string code, string? kernelName, ICellOutput output, CancellationToken cancellationToken)
        => session.ExecuteAsKernelAsync(code, kernelName, output, cancellationToken);

    public Task<CompletionResult> CompleteAsync(string code, int position, CancellationToken cancellationToken)
        => session.CompleteAsync(code, position, cancellationToken);

    public Task<InspectionResult> InspectAsync(string code, int position, CancellationToken cancellationToken)
        => session.InspectAsync(code, position, cancellationToken);

    public InputCompleteness IsComplete(string code) => session.IsComplete(code);

    public void Interrupt() => session.Interrupt();

    public Task WarmUpAsync(CancellationToken cancellationToken) => session.WarmUpAsync(cancellationToken);

    public Task OptimizeCompilerAsync(CancellationToken cancellationToken) => session.OptimizeCompilerAsync(cancellationToken);

    public ValueTask DisposeAsync() => session.DisposeAsync();
}
