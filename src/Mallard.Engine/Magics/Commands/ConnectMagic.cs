using Mallard.Engine.Connections;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!connect KIND TARGET</c>: opens a named connection with one of the session's connection providers.</summary>
internal sealed class ConnectMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new(
        "connect", "Open a named connection and make it current: KIND is one the session offers (duckdb PATH|:memory:, postgres \"CONNECTION STRING\", ado --provider TYPE \"CONNECTION STRING\", ...).", MagicBody.Rest,
        [
            new("name", MagicOptionKind.Text, "the connection's name (replaces one of the same name)", "NAME"),
            new("read-only", MagicOptionKind.Flag, "open the database read-only"),
            new("provider", MagicOptionKind.Text, "for ado: the DbProviderFactory type, assembly-qualified", "TYPE"),
        ],
        ["KIND", "TARGET"], RequiredPositionals: 2);

    public override int Order => 30;

    public override IEnumerable<CompletionItem> CompletePositional(Session session, int index) =>
        index == 0 ? session.ConnectionKinds.Select(k => new CompletionItem(k, "value")) : [];

    public override async Task RunAsync(MagicContext context)
    {
        var (session, magic) = (context.Session, context.Magic);
        var providers = session.Options.ConnectionProviders;
        var kind = magic.Positional(0)!.ToLowerInvariant();
        var provider = providers.FirstOrDefault(p => p.Kind == kind)
            ?? throw context.Error($"Unknown connection kind '{magic.Positional(0)}' for #!connect. Accepted kinds: {string.Join(", ", session.ConnectionKinds)} "
                + $"({string.Join("; ", providers.Select(p => $"#!connect {p.Kind} {p.TargetHelp}"))}).");
        var target = magic.Positional(1)!;
        var readOnly = magic.Has("read-only");
        if (!provider.SupportsReadOnly && readOnly)
            throw context.Error($"--read-only applies to {KindsThat(providers, p => p.SupportsReadOnly)} connections; for {kind}, use the server's own read-only roles or settings.");
        if (!provider.TakesProviderType && magic.Has("provider"))
            throw context.Error($"--provider applies to {KindsThat(providers, p => p.TakesProviderType)} connections, not to {kind}.");
        var name = magic.Text("name") ?? DefaultName(kind, target);
        // A name in use is replaced: the old connection closes first (DuckDB will not open a file twice with different settings).
        session.Registry.Close(name);
        var connection = provider.Open(new ConnectionRequest(name, target, readOnly, magic.Text("provider"), session.WorkingDirectory, [.. AppDomain.CurrentDomain.GetAssemblies()]));
        session.ForgetRegisteredFrames(name);
        session.Registry.Add(connection);
        context.Run.Write(OutputStreamKind.Stdout, $"Connected '{connection.Name}' ({connection.Kind}{(connection.ReadOnly ? ", read-only" : "")}): {connection.Target}. It is now the current connection.\n");
        await context.RunBodyAsync().ConfigureAwait(false);
    }

    /// <summary>"duckdb", "duckdb and ado", or "no" when no provider does <paramref name="what"/>.</summary>
    private static string KindsThat(IEnumerable<IConnectionProvider> providers, Func<IConnectionProvider, bool> what)
    {
        var kinds = providers.Where(what).Select(p => p.Kind).ToList();
        return kinds.Count == 0 ? "no" : string.Join(" and ", kinds);
    }

    private static string DefaultName(string kind, string target)
    {
        if (kind != "duckdb") return kind;
        if (target is ":memory:" or "memory") return "memory";
        var stem = Path.GetFileNameWithoutExtension(target);
        var clean = new string([.. stem.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_')]);
        return clean.Length == 0 ? "duckdb" : clean;
    }
}
