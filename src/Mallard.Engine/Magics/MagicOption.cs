namespace Mallard.Engine.Magics;

/// <summary>One <c>--option</c> a magic accepts, and what completes its value (given the session and the words before it).</summary>
internal sealed record MagicOption(
    string Name,
    MagicOptionKind Kind,
    string Help,
    string? ValueName = null,
    Func<Session, IReadOnlyList<string>, IEnumerable<CompletionItem>>? Values = null)
{
    /// <summary><c>--connection NAME</c>: the connection a magic uses, completed from the open connections.</summary>
    public static MagicOption Connection { get; } = new(
        "connection", MagicOptionKind.Text, "the connection to use (default: the current one)", "NAME",
        (session, _) => session.ConnectionNames.Select(n => new CompletionItem(n, "connection")));

    public string Usage => Kind == MagicOptionKind.Flag ? "--" + Name : $"--{Name} {ValueName ?? "VALUE"}";
}
