namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!schema TABLE</c>: the columns and types of a table or view.</summary>
internal sealed class SchemaMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("schema", "Show the columns and types of a table.", MagicBody.Rest, [MagicOption.Connection], ["TABLE"], RequiredPositionals: 1);

    public override int Order => 90;

    public override async Task RunAsync(MagicContext context)
    {
        var session = context.Session;
        var connection = session.Registry.Get(context.Magic.Text("connection"));
        var table = context.Magic.Positional(0)!;
        var frame = connection.Describe(table, context.Run.CancellationToken)
            ?? throw context.Error($"No table or view named '{table}' on connection '{connection.Name}'. Use #!tables to list them.");
        var formatter = session.Formatter.WithOptions(session.Formatter.Options with { MaxRows = Math.Max(session.Formatter.Options.MaxRows, 1000) });
        context.Run.Display(formatter.Format(frame));
        await context.RunBodyAsync().ConfigureAwait(false);
    }
}
