namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!tables</c>: the tables and views of a connection.</summary>
internal sealed class TablesMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("tables", "List the tables and views of a connection.", MagicBody.Rest, [MagicOption.Connection], []);

    public override int Order => 80;

    public override async Task RunAsync(MagicContext context)
    {
        var session = context.Session;
        var connection = session.Registry.Get(context.Magic.Text("connection"));
        var sql = connection.DuckDb is not null
            ? """
              SELECT CASE WHEN database_name = 'temp' THEN 'temp' ELSE schema_name END AS schema, table_name AS name, 'table' AS kind,
                     column_count AS columns, estimated_size AS rows
              FROM duckdb_tables() WHERE NOT internal
              UNION ALL
              SELECT CASE WHEN database_name = 'temp' THEN 'temp' ELSE schema_name END, view_name, 'view', column_count, NULL
              FROM duckdb_views() WHERE NOT internal
              ORDER BY 1, 2
              """
            : """
              SELECT table_schema AS schema, table_name AS name, lower(table_type) AS kind
              FROM information_schema.tables
              WHERE table_schema NOT IN ('information_schema', 'pg_catalog')
              ORDER BY 1, 2
              """;
        var frame = connection.Query(sql, new Dictionary<string, object?>(), context.Run.CancellationToken);
        if (frame.RowCount == 0)
        {
            context.Run.Write(OutputStreamKind.Stdout, $"Connection '{connection.Name}' has no tables or views.\n");
        }
        else
        {
            var formatter = session.Formatter.WithOptions(session.Formatter.Options with { MaxRows = Math.Max(session.Formatter.Options.MaxRows, 500) });
            context.Run.Display(formatter.Format(frame));
        }
        await context.RunBodyAsync().ConfigureAwait(false);
    }
}
