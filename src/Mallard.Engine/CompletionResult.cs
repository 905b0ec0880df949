namespace Mallard.Engine;

/// <summary>
/// Completions at a position: <see cref="Items"/> replace the text from <see cref="Start"/> to
/// <see cref="End"/> (UTF-16 offsets into the code that was asked about).
/// </summary>
public sealed record CompletionResult(int Start, int End, IReadOnlyList<CompletionItem> Items)
{
    /// <summary>No completions at <paramref name="position"/>.</summary>
    public static CompletionResult None(int position) => new(position, position, []);
}
