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

    public override async Task RunAsync(MagicContext context)
    {
        var (session, body, offset) = (context.Session, context.Body, context.BodyOffset);
        // Polyglot's SQL cells may give values first: #!set and #!share lines between the cell's magic and its SQL; and #!time,
        // which Polyglot takes in any kernel's cell, times the rest of the cell.
        while (MagicParser.Parse(body, session.LineOf(offset), out var rest, out var restStart) is { } prelude)
        {
            if (prelude.Command is TimeMagic)
            {
                var timed = context with { Body = rest, BodyOffset = offset + restStart };
                await TimeMagic.MeasureAsync(context.Run, () => RunAsync(timed)).ConfigureAwait(false);
                return;
            }
            if (!prelude.Spec.OpensAnyCell)
            {
                var allowed = string.Join(", ", MagicCatalog.All.Where(m => m.OpensAnyCell).Select(m => "#!" + m.Name));
                throw new MagicException($"#!{prelude.Spec.Name} cannot come between #!{context.Magic.Spec.Name} and its SQL; only {allowed} can.") { Line = prelude.Line };
            }
            await prelude.Command.RunAsync(new MagicContext(session, prelude, "", offset + restStart, context.Run)).ConfigureAwait(false);
            body = rest;
            offset += restStart;
        }
        await session.RunSqlAsync(body, offset, Options(context.Magic), context.Magic.Line, context.Run).ConfigureAwait(false);
    }

    private static SqlCellOptions Options(MagicInvocation magic) => new()
    {
        Name = magic.Text("name"),
        Connection = magic.Text("connection"),
        Limit = magic.Count("limit"),
        Quiet = magic.Has("quiet"),
    };
}
