using Mallard.Engine;

namespace Mallard.Jupyter.Kernel;

/// <summary>What the kernel needs from the engine; <see cref="SessionEngine"/> is the real one.</summary>
internal interface IKernelEngine : IAsyncDisposable
{
    Task<CellOutcome> ExecuteAsync(string code, ICellOutput output, CancellationToken cancellationToken);

    Task<CompletionResult> CompleteAsync(string code, int position, CancellationToken cancellationToken);

    Task<InspectionResult> InspectAsync(string code, int position, CancellationToken cancellationToken);

    InputCompleteness IsComplete(string code);

    void Interrupt();
}
