namespace Mallard.Engine.Magics.Commands;

/// <summary>
/// <c>#!schema TABLE</c>: the columns and types of a table or view. <c>#!schema --ddl [NAME]</c>: the statements that
/// create the tables, views and indexes whose name (or schema.name) is like NAME, or of all of them, as the DuckDB
/// command line's <c>.schema</c> prints them.
/// </summary>
internal sealed class SchemaMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("schema", "Show the columns and types of a table, or with --ddl the statements that create tables, views and indexes.", MagicBody.Rest,
        [MagicOption.Connection, new("ddl", MagicOptionKind.Flag, "the CREATE statements of the objects like TABLE (a LIKE pattern: % and _), or of all")], ["TABLE"]);

    public override int Order => 90;

    public override async Task RunAsync(MagicContext context)
    {
        var session = context.Session;
        var connection = session.Registry.Get(context.Magic.Text("connection"));
        var table = context.Magic.Positional(0);
        if (context.Magic.Has("ddl"))
        {
            var text = Ddl(connection, table, context.Run.CancellationToken);
            if (text.Length == 0)
            {
                throw context.Error(table is null
                    ? $"Connection '{connection.Name}' has no tables, views or indexes."
                    : $"No table, view or index on connection '{connection.Name}' is named like '{table}'. Use #!tables to list them.");
            }
            context.Run.Display(Mallard.Display.MimeBundle.Empty.WithText(Mallard.Display.MimeTypes.PlainText, text));
        }
        else
        {
            if (table is null) throw context.Error("#!schema: give the table (or --ddl for the statements that create every table).");
            var frame = connection.Describe(table, context.Run.CancellationToken)
                ?? throw context.Error($"No table or view named '{table}' on connection '{connection.Name}'. Use #!tables to list them.");
            var formatter = session.Formatter.WithOptions(session.Formatter.Options with { MaxRows = Math.Max(session.Formatter.Options.MaxRows, 1000) });
            context.Run.Display(formatter.Format(frame));
        }
        await context.RunBodyAsync().ConfigureAwait(false);
    }

    /// <summary>The CREATE statements of a DuckDB connection's own objects, each ending with ';', one per line.</summary>
    private static string Ddl(Connections.SessionConnection connection, string? pattern, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT sql FROM (
                SELECT database_name, schema_name, table_name AS name, 1 AS kind, sql FROM duckdb_tables() WHERE NOT internal
                UNION ALL SELECT database_name, schema_name, view_name, 2, sql FROM duckdb_views() WHERE NOT internal
                UNION ALL SELECT database_name, schema_name, table_name, 3, sql FROM duckdb_indexes() WHERE sql IS NOT NULL
            )
            WHERE database_name = current_database()
              AND ($pattern IS NULL OR name ILIKE $pattern OR schema_name || '.' || name ILIKE $pattern)
            ORDER BY schema_name = 'main' DESC, schema_name, name, kind
            """;
        var frame = connection.Query(sql, new Dictionary<string, object?> { ["pattern"] = pattern }, cancellationToken);
        var statements = new List<string>(frame.RowCount);
        for (var i = 0; i < frame.RowCount; i++)
        {
            var statement = ((string)frame.Columns[0].GetValue(i)!).TrimEnd();
            statements.Add(statement.EndsWith(';') ? statement : statement + ";");
        }
        return string.Join("\n", statements);
    }
}
