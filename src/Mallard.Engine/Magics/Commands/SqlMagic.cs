namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!sql</c> (or <c>%%sql</c>): the rest of the cell is SQL on a connection.</summary>
internal sealed class SqlMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new(
        "sql", "Run SQL on a connection; show the last result and optionally keep it as a Frame variable.", MagicBody.Sql,
        [
            new("name", MagicOptionKind.Text, "store the last result as a Frame variable", "VAR"),
            MagicOption.Connection,
            new("limit", MagicOptionKind.Count, "show at most N rows (the stored frame keeps all)", "N"),
            new("quiet", MagicOptionKind.Flag, "do not display the result"),
        ],
        [], AllowsPercentForm: true);

    public override int Order => 10;

    public override Task RunAsync(MagicContext context) =>
        context.Session.RunSqlAsync(context.Body, context.BodyOffset, Options(context.Magic), context.Magic.Line, context.Run);

    private static SqlCellOptions Options(MagicInvocation magic) => new()
    {
        Name = magic.Text("name"),
        Connection = magic.Text("connection"),
        Limit = magic.Count("limit"),
        Quiet = magic.Has("quiet"),
    };
}
