using Mallard.Engine;

namespace Mallard.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook. Immutable.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>The defaults: no parameters, no timeout, stop at the first failing cell.</summary>
    public static NotebookRunOptions Default { get; } = new();

    /// <summary>Values for the notebook's parameters, by name, in the order given (see <see cref="NotebookParameters"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Longest a cell may run before it is interrupted and the run fails; null: no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>
    /// How long to wait, after interrupting a cell that ran past <see cref="CellTimeout"/>, for it to stop
    /// before the run gives up on it (C# that never checks for cancellation cannot be stopped).
    /// </summary>
    public TimeSpan InterruptGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the run goes on after a failing cell (its error is recorded as its output).</summary>
    public bool AllowErrors { get; init; }

    /// <summary>
    /// The session's options (C# through Roslyn scripting unless told otherwise). <see cref="SessionOptions.WorkingDirectory"/> is replaced by the notebook's
    /// folder when the run is given the notebook's path.
    /// </summary>
    public SessionOptions Session { get; init; } = SessionOptions.Default with { CSharp = Mallard.Engine.Scripting.CSharpScripting.Language, Files = LocalFiles.Instance };
}
