using Mallard.Engine.Completion;
using Mallard.Engine.Internal;

namespace Mallard.Engine.Code;

/// <summary>A session's running code language: it runs code cells, holds their variables, completes and inspects code.</summary>
internal interface ICodeRunner : IVariableSource, IDisposable
{
    /// <summary>
    /// Runs <paramref name="code"/>, which starts at <paramref name="offset"/> of the cell; shows its value through
    /// <paramref name="run"/>. A compile or runtime error throws <see cref="CellFailureException"/>; an interrupt,
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    Task RunAsync(string code, int offset, CellRun run);

    Task<CompletionResult> CompleteAsync(string code, int position, CellRegion region, CancellationToken cancellationToken);

    Task<InspectionResult> InspectAsync(string code, int position, CellRegion region, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="code"/> is a whole submission (the REPL waits for more when it is not).</summary>
    bool IsComplete(string code);

    /// <summary>Readies the compiler with a throwaway submission, so that the first cell does not pay for its start; no cell sees it.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken);

    /// <summary>Has the runtime optimise the compiler while the user reads, with throwaway compiles that no cell sees.</summary>
    Task OptimizeCompilerAsync(CancellationToken cancellationToken);
}
