using Mallard.Engine.Connections;

namespace Mallard.Engine.Magics.Commands;

/// <summary>
/// <c>#!connect KIND TARGET</c>: opens a named connection with one of the session's connection providers, and makes it current.
/// Polyglot's form, <c>#!connect duckdb --kernel-name NAME "Data Source=FILE;Read Only=true"</c> (the target positional, with
/// <c>--connection-string</c>, or <c>@csharp:var</c>), opens it beside the current one: cells address it as Polyglot's do,
/// <c>#!NAME</c> or <c>#!sql-NAME</c>.
/// </summary>
internal sealed class ConnectMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new(
        "connect", "Open a named connection and make it current: KIND is one the session offers (duckdb PATH|:memory:, postgres \"CONNECTION STRING\", ado --provider TYPE \"CONNECTION STRING\", ...).", MagicBody.Rest,
        [
            new("name", MagicOptionKind.Text, "the connection's name (replaces one of the same name)", "NAME"),
            new("read-only", MagicOptionKind.Flag, "open the database read-only"),
            new("provider", MagicOptionKind.Text, "for ado: the DbProviderFactory type, assembly-qualified", "TYPE"),
            new("kernel-name", MagicOptionKind.Text, "Polyglot's form: the name cells address it by (#!NAME, #!sql-NAME); it does not become current", "NAME"),
            new("connection-string", MagicOptionKind.Text, "Polyglot's form: the target, instead of the positional one", "TEXT"),
        ],
        ["KIND", "TARGET"], RequiredPositionals: 1);

    public override int Order => 30;

    public override IEnumerable<CompletionItem> CompletePositional(Session session, int index) =>
        index == 0 ? session.ConnectionKinds.Select(k => new CompletionItem(k, "value")) : [];

    public override async Task RunAsync(MagicContext context)
    {
        var (session, magic) = (context.Session, context.Magic);
        var providers = session.Options.ConnectionProviders;
        var kind = magic.Positional(0)!.ToLowerInvariant();
        var providerType = magic.Text("provider");
        if (kind == "sqlite" && providers.All(p => p.Kind != "sqlite") && providers.Any(p => p.Kind == "ado"))
        {
            // Polyglot's SQLite connector, through ADO.NET: Microsoft.Data.Sqlite, which a cell brings with #r "nuget:".
            kind = "ado";
            providerType ??= SqliteFactory;
        }
        var provider = providers.FirstOrDefault(p => p.Kind == kind)
            ?? throw context.Error($"Unknown connection kind '{magic.Positional(0)}' for #!connect. Accepted kinds: {string.Join(", ", session.ConnectionKinds)} "
                + $"({string.Join("; ", providers.Select(p => $"#!connect {p.Kind} {p.TargetHelp}"))}).");
        var polyglot = magic.Text("kernel-name");
        if (polyglot is not null && magic.Has("name"))
            throw context.Error("--name and --kernel-name both name the connection: give one.");
        if (magic.Positional(1) is not null && magic.Has("connection-string"))
            throw context.Error("The target is given twice: positional and --connection-string. Give one.");
        var target = Target(context, magic.Positional(1) ?? magic.Text("connection-string")
            ?? throw context.Error($"#!connect {kind} needs a target: {provider.TargetHelp} (positional, or --connection-string)."));
        var readOnly = magic.Has("read-only");
        if (!provider.SupportsReadOnly && readOnly)
            throw context.Error($"--read-only applies to {KindsThat(providers, p => p.SupportsReadOnly)} connections; for {kind}, use the server's own read-only roles or settings.");
        if (!provider.TakesProviderType && providerType is not null)
            throw context.Error($"--provider applies to {KindsThat(providers, p => p.TakesProviderType)} connections, not to {kind}.");
        var name = polyglot ?? magic.Text("name") ?? DefaultName(kind, target);
        if (polyglot is not null && MagicCatalog.Find(name) is not null)
            throw context.Error($"'{name}' is the name of a magic (#!{name}); cells could not address the connection by it. Choose another --kernel-name.");
        SessionConnection connection;
        try
        {
            connection = Connect(session, provider, name, target, readOnly, providerType, makeCurrent: polyglot is null);
        }
        catch (ArgumentException e)
        {
            throw context.Error(e.Message);
        }
        catch (Exception e) when (providerType == SqliteFactory && e is not OperationCanceledException)
        {
            throw context.Error($"SQLite connections go through Microsoft.Data.Sqlite: run #r \"nuget: Microsoft.Data.Sqlite\" in a C# cell first. ({e.Message})");
        }
        context.Run.Write(OutputStreamKind.Stdout, polyglot is null
            ? Described(connection) + " It is now the current connection.\n"
            : Described(connection) + $" Cells that start with #!{connection.Name} (or #!sql-{connection.Name}) run on it.\n");
        await context.RunBodyAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Opens connection <paramref name="name"/> with <paramref name="provider"/> and adds it to the session in place of one of that
    /// name, current when <paramref name="makeCurrent"/>: what <c>#!connect</c> does, and <c>use_connection</c> from C#. A DuckDB
    /// target with '=' is a connection string whose settings open the database; one it cannot read is an <see cref="ArgumentException"/>.
    /// </summary>
    internal static SessionConnection Connect(Session session, IConnectionProvider provider, string name, string target, bool readOnly, string? providerType, bool makeCurrent)
    {
        // A name in use is replaced: the old connection closes first (DuckDB will not open a file twice with different settings).
        session.Registry.Close(name);
        SessionConnection connection;
        if (provider is DuckDbConnectionProvider && target.Contains('=', StringComparison.Ordinal))
        {
            // A connection string, as Polyglot's DuckDB connector takes it: its settings open the database.
            var options = DuckDbConnectionString.Parse(target);
            connection = DuckDbConnectionProvider.Open(name, options with { ReadOnly = options.ReadOnly || readOnly }, session.WorkingDirectory);
        }
        else
        {
            connection = provider.Open(new ConnectionRequest(name, target, readOnly, providerType, session.WorkingDirectory, [.. AppDomain.CurrentDomain.GetAssemblies()]));
        }
        session.ForgetRegisteredFrames(name);
        session.Registry.Add(connection, makeCurrent);
        return connection;
    }

    /// <summary>"Connected 'NAME' (KIND[, read-only]): TARGET." (the password hidden).</summary>
    internal static string Described(SessionConnection connection) =>
        $"Connected '{connection.Name}' ({connection.Kind}{(connection.ReadOnly ? ", read-only" : "")}): {connection.Target}.";

    private const string SqliteFactory = "Microsoft.Data.Sqlite.SqliteFactory, Microsoft.Data.Sqlite";

    /// <summary>The target as written, or the value of the variable it names with Polyglot's <c>@csharp:NAME</c> (or <c>@NAME</c>).</summary>
    private static string Target(MagicContext context, string written)
    {
        if (!written.StartsWith('@')) return written;
        var name = written[1..];
        if (name.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0) name = name[(colon + 1)..];
        if (!context.Session.TryGetVariableValue(name, out var value))
            throw context.Error($"{written} names no variable: no variable '{name}' exists. Set it in a C# cell first.");
        return value as string ?? throw context.Error($"{written} is a {value?.GetType().Name ?? "null"}, not the text of a connection string.");
    }

    /// <summary>"duckdb", "duckdb and ado", or "no" when no provider does <paramref name="what"/>.</summary>
    private static string KindsThat(IEnumerable<IConnectionProvider> providers, Func<IConnectionProvider, bool> what)
    {
        var kinds = providers.Where(what).Select(p => p.Kind).ToList();
        return kinds.Count == 0 ? "no" : string.Join(" and ", kinds);
    }

    internal static string DefaultName(string kind, string target)
    {
        if (kind != "duckdb") return kind;
        if (target is ":memory:" or "memory") return "memory";
        var stem = Path.GetFileNameWithoutExtension(target);
        var clean = new string([.. stem.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_')]);
        return clean.Length == 0 ? "duckdb" : clean;
    }
}
