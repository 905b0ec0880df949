namespace Mallard.Engine;

/// <summary>
/// One interactive session: named connections, C# script state, variables shared between SQL and
/// C#, magics. Front ends (the Jupyter kernel, the REPL, the runner) feed it cells and render what
/// it writes to an <see cref="ICellOutput"/>. One cell runs at a time; <see cref="Interrupt"/> may be
/// called from any thread.
/// </summary>
public sealed partial class Session : IAsyncDisposable, IDisposable
{
    /// <summary>Starts a session; opens the default connection as <paramref name="options"/> say.</summary>
    public Session(SessionOptions? options = null)
    {
        Options = options ?? SessionOptions.Default;
    }

    /// <summary>The options the session started with.</summary>
    public SessionOptions Options { get; }

    /// <summary>Runs one cell; its outputs go to <paramref name="output"/> in order. Never throws for a failing cell: the outcome says how it ended.</summary>
    public Task<CellOutcome> ExecuteAsync(string code, ICellOutput output, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Completions at <paramref name="position"/> (UTF-16 offset) in <paramref name="code"/>.</summary>
    public Task<CompletionResult> CompleteAsync(string code, int position, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Describes the symbol at <paramref name="position"/> (UTF-16 offset) in <paramref name="code"/>.</summary>
    public Task<InspectionResult> InspectAsync(string code, int position, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Whether <paramref name="code"/> is ready to run (C# by syntax, SQL by a terminating ';').</summary>
    public InputCompleteness IsComplete(string code) => throw new NotImplementedException();

    /// <summary>The session's variables, as <c>#!who</c> lists them.</summary>
    public IReadOnlyList<VariableInfo> Variables => throw new NotImplementedException();

    /// <summary>Interrupts the running cell, if any: a running query through DuckDB, C# through its cancellation token.</summary>
    public void Interrupt() => throw new NotImplementedException();

    /// <inheritdoc />
    public void Dispose() { }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
