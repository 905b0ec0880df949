using Mallard.Engine;

namespace Mallard.Jupyter.Kernel;

/// <summary>What the kernel needs from the engine; <see cref="SessionEngine"/> is the real one.</summary>
internal interface IKernelEngine : IAsyncDisposable
{
    /// <summary>Runs a cell; <paramref name="kernelName"/> is the kernel its notebook names outside its text (Polyglot's cell metadata), or null.</summary>
    Task<CellOutcome> ExecuteAsync(string code, string? kernelName, ICellOutput output, CancellationToken cancellationToken);

    Task<CompletionResult> CompleteAsync(string code, int position, CancellationToken cancellationToken);

    Task<InspectionResult> InspectAsync(string code, int position, CancellationToken cancellationToken);

    InputCompleteness IsComplete(string code);

    void Interrupt();

    /// <summary>Readies the compiler in the background, so that the first C# cell takes about as long as later ones.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken);

    /// <summary>After <see cref="WarmUpAsync"/>, while the user reads: has the runtime optimise the compiler (see <see cref="Session.OptimizeCompilerAsync"/>).</summary>
    Task OptimizeCompilerAsync(CancellationToken cancellationToken);
}
