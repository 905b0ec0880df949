using Mallard.Data;
using Mallard.Display;

namespace Mallard.Engine.Magics.Commands;

/// <summary>
/// <c>#!share --from KERNEL NAME [--as NEW]</c>, as Polyglot writes it. Mallard's kernels share one set of variables, so a value
/// is already there; what changes is its form: a SQL result shared from a SQL kernel (<c>--from sql-db</c>, <c>--from NAME</c> of
/// a connection) becomes what Polyglot's SQL kernels share, a <c>List&lt;TabularDataResource&gt;</c> (one table: the result the
/// cell showed), so notebooks written for Polyglot keep working; <c>.ToFrame()</c> gives the <see cref="Frame"/> back.
/// </summary>
internal sealed class ShareMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new(
        "share", "Polyglot's #!share: a value under NAME (or --as NEW); a SQL result from a SQL kernel becomes Polyglot's List<TabularDataResource> (.ToFrame() turns it back).", MagicBody.Rest,
        [
            new("from", MagicOptionKind.Text, "the kernel the value comes from: csharp, sql, sql-NAME, NAME of a connection, value", "KERNEL"),
            new("as", MagicOptionKind.Text, "the name to give it", "NEW"),
            new("mime-type", MagicOptionKind.Text, "accepted for Polyglot notebooks; ignored", "TYPE"),
        ],
        ["NAME"], RequiredPositionals: 1, OpensAnyCell: true);

    public override int Order => 120;

    public override async Task RunAsync(MagicContext context)
    {
        var (session, magic) = (context.Session, context.Magic);
        var from = magic.Text("from") ?? throw context.Error("#!share needs --from KERNEL, the kernel the value comes from (csharp, sql-NAME, ...).");
        var name = magic.Positional(0)!;
        if (!session.TryGetVariableValue(name, out var value))
            throw context.Error($"#!share --from {from} {name}: no value '{name}' exists. A SQL cell keeps its result with --name {name}.");
        var sqlKernel = from == "sql" || from.StartsWith("sql-", StringComparison.OrdinalIgnoreCase) || session.Registry.Addressed(from) is not null;
        object? shared = sqlKernel && value is Frame frame ? new List<Microsoft.DotNet.Interactive.Formatting.TabularData.TabularDataResource>([frame.ToTabularDataResource()]) : value;
        session.SetVariable(magic.Text("as") ?? name, shared, magic.Line);
        await context.RunBodyAsync().ConfigureAwait(false);
    }
}
