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
            new("format", MagicOptionKind.Text, "formats of the shown columns: revenue=currency,share=percent:1,customer_id=id (currency, percent, number, compact, each with :DECIMALS; id, date, month, text)", "SPEC"),
            new("labels", MagicOptionKind.Flag, "show headers as people read them (customer_segment as Customer segment)"),
            new("quiet", MagicOptionKind.Flag, "do not display the result"),
        ],
        [], AllowsPercentForm: true);

    public override int Order => 10;

    public override Task RunAsync(MagicContext context)
    {
        var (session, options, run) = (context.Session, Options(context.Magic), context.Run);
        // A cell with no SQL at all says so.
        if (context.Body.Trim().Length == 0) return session.RunSqlAsync(context.Body, context.BodyOffset, options, context.Magic.Line, run);
        // The rest of the cell is SQL up to its next magic line, as Polyglot splits a cell at its directives: #!set and #!share
        // may give values first, #!time times the rest, #!chart draws what came before, #!csharp or #!sql-other switch. After
        // a magic that names no language, the text is SQL on this connection again.
        run.Language = (sql, offset) => session.RunSqlAsync(sql, offset, options, context.Magic.Line, run);
        return context.RunBodyAsync();
    }

    private static SqlCellOptions Options(MagicInvocation magic) => new()
    {
        Name = magic.Text("name"),
        Connection = magic.Text("connection"),
        Limit = magic.Count("limit"),
        Formats = magic.Text("format"),
        ReadableLabels = magic.Has("labels"),
        Quiet = magic.Has("quiet"),
    };
}
