using System.Diagnostics;

namespace Mallard.Interop.Tests;

/// <summary><c>#!connect postgres</c> and <c>#!connect ado</c> with Npgsql, through a real session, against a private PostgreSQL server.</summary>
public sealed class PostgresTests : IClassFixture<PostgresServer>
{
    // Quotes, a statement separator and both comment forms: all of it must arrive in the table as text.
    private const string Hostile = "O'Brien\"; DROP TABLE {0}; -- '' /* not a comment */ $tag$ \\ end";

    private readonly PostgresServer _server;

    public PostgresTests(PostgresServer server)
    {
        _server = server;
    }

    /// <summary>The kinds the mallard tool's sessions open: DuckDB, PostgreSQL and any ADO.NET provider.</summary>
    private static readonly IReadOnlyList<Mallard.Engine.Connections.IConnectionProvider> Providers =
        [Mallard.Engine.Connections.DuckDbConnectionProvider.Instance, Mallard.Connectors.Postgres.PostgresConnectionProvider.Instance,
         Mallard.Engine.Connections.AdoConnectionProvider.Instance];

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private async Task<Session> Connected(string name, string table)
    {
        _server.Require();
        var session = Sessions.New(Providers);
        var connected = await session.RunOk($"#!connect postgres --name {name} \"{_server.ConnectionString}\"");
        Assert.Contains($"Connected '{name}' (postgres)", connected.Stdout);
        await session.RunOk($"#!sql --connection {name}\nDROP TABLE IF EXISTS {table}");
        return session;
    }

    [Fact]
    public async Task Polyglots_connect_form_addresses_postgres_as_sql_NAME_with_set_and_at_parameters()
    {
        const string Table = "polyglot_birds";
        _server.Require();
        using var session = Sessions.New(Providers);
        await session.RunOk($"var cs = {Quoted(_server.ConnectionString)};");
        var connected = await session.RunOk("#!connect postgres --kernel-name pg @csharp:cs");
        Assert.Contains("Cells that start with #!pg (or #!sql-pg) run on it", connected.Stdout, StringComparison.Ordinal);
        await session.RunOk($"#!sql-pg\nDROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (name text, seen integer); INSERT INTO {Table} VALUES ('teal', 3), ('wigeon', 5), ('smew', 1)");
        await session.RunOk("var least = 2;");
        var rows = await session.RunOk($"#!sql-pg --name common\n#!set --name atLeast --value @csharp:least\nSELECT name FROM {Table} WHERE seen >= @atLeast ORDER BY seen DESC");
        Assert.Contains("wigeon", rows.Results.Single().Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("smew", rows.Results.Single().Text(), StringComparison.Ordinal);
        await session.RunOk("#!share --from sql-pg common --as shared");
        Assert.Equal("2", (await session.RunOk("shared[0].Data.Count()")).Results.Single().Text());
        // The warehouse (here: the default in-memory database) stays the current connection.
        Assert.Contains("memory", (await session.RunOk("#!sql\nSELECT current_database() AS db")).Results.Single().Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_cells_bind_csharp_variables_as_parameters_and_read_results_into_frames()
    {
        const string Table = "people_params";
        using var session = await Connected("pg", Table);
        var hostile = string.Format(System.Globalization.CultureInfo.InvariantCulture, Hostile, Table);
        await session.RunOk($"#!sql --connection pg\nCREATE TABLE {Table} (id integer PRIMARY KEY, name text NOT NULL, score numeric(6,2), seen date)");
        await session.RunOk($"var id = 1; var name = {Quoted(hostile)}; var score = 12.5m; var seen = new DateTime(2024, 2, 29);");
        await session.RunOk($"#!sql --connection pg\nINSERT INTO {Table} (id, name, score, seen) VALUES ($id, $name, $score, $seen)");
        await session.RunOk("id = 2; name = \"plain\"; score = 7.25m;");
        // A $ inside a string literal or a comment is text, not a parameter.
        await session.RunOk($"#!sql --connection pg\n-- uses $name once\nINSERT INTO {Table} (id, name, score) VALUES ($id, $name || ' $id', $score)");

        var read = await session.RunOk($"#!sql --connection pg --name people\nSELECT id, name, score, seen FROM {Table} ORDER BY id");
        Assert.Contains("plain $id", read.Results.Single().Text());

        var back = await session.RunOk("people.Rows.First()[\"name\"]");
        Assert.Equal(hostile, back.Results.Single().Text().Trim());
        var sum = await session.RunOk("people.RowCount + \"|\" + people.Rows.Sum(r => r.Get<decimal>(\"score\")) + \"|\" + people.Rows.Count(r => r.IsNull(\"seen\"))");
        Assert.Equal("2|19.75|1", sum.Results.Single().Text().Trim());
        var date = await session.RunOk("people.Rows.First().Get<DateTime>(\"seen\").ToString(\"yyyy-MM-dd\")");
        Assert.Equal("2024-02-29", date.Results.Single().Text().Trim());

        // The hostile text stayed data: the table is still there with both rows, and it matches itself as a parameter.
        await session.RunOk($"var wanted = {Quoted(hostile)};");
        await session.RunOk($"#!sql --connection pg --name found\nSELECT id, (SELECT count(*) FROM {Table}) AS total FROM {Table} WHERE name = $wanted");
        var found = await session.RunOk("found.RowCount + \"|\" + found.Rows.First()[\"id\"] + \"|\" + found.Rows.First()[\"total\"]");
        Assert.Equal("1|1|2", found.Results.Single().Text().Trim());
    }

    [Fact]
    public async Task Tables_and_schema_describe_a_postgres_connection()
    {
        const string Table = "described";
        using var session = await Connected("pgmeta", Table);
        await session.RunOk($"#!sql --connection pgmeta\nCREATE TABLE {Table} (id bigint NOT NULL, label varchar(20), amount double precision)");
        await session.RunOk($"#!sql --connection pgmeta\nCREATE OR REPLACE VIEW {Table}_view AS SELECT id FROM {Table}");

        var tables = await session.RunOk("#!tables --connection pgmeta");
        var listing = tables.Shown.Single().Text();
        Assert.Matches($@"public\s+{Table}\s+base table", listing);
        Assert.Matches($@"public\s+{Table}_view\s+view", listing);
        Assert.DoesNotContain("pg_catalog", listing);

        var schema = await session.RunOk($"#!schema --connection pgmeta {Table}");
        var columns = schema.Shown.Single().Text();
        Assert.Matches(@"id\s+bigint\s+NO", columns);
        Assert.Matches(@"label\s+character varying\s+YES", columns);
        Assert.Matches(@"amount\s+double precision\s+YES", columns);
        Assert.True(columns.IndexOf("label", StringComparison.Ordinal) < columns.IndexOf("amount", StringComparison.Ordinal), columns);

        var qualified = await session.RunOk($"#!schema --connection pgmeta public.{Table}_view");
        Assert.Matches(@"id\s+bigint", qualified.Shown.Single().Text());

        var (outcome, _) = await session.Run("#!schema --connection pgmeta no_such_table");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Contains("No table or view named 'no_such_table' on connection 'pgmeta'", outcome.Error!.Message);
    }

    [Fact]
    public async Task A_postgres_error_shows_the_servers_message_and_the_session_goes_on()
    {
        using var session = await Connected("pgerr", "unused_errors");
        var (outcome, _) = await session.Run("#!sql --connection pgerr\nSELECT * FROM no_such_relation");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Equal(CellErrorKind.Sql, outcome.Error!.Kind);
        Assert.Contains("relation \"no_such_relation\" does not exist", outcome.Error.Message);
        Assert.Contains("42P01", outcome.Error.Message);

        var (division, _) = await session.Run("#!sql --connection pgerr\nSELECT 1 / 0");
        Assert.Contains("division by zero", division.Error!.Message);

        var after = await session.RunOk("#!sql --connection pgerr\nSELECT 40 + 2 AS answer");
        Assert.Contains("42", after.Results.Single().Text());
    }

    [Fact]
    public async Task An_unreachable_port_gives_a_connection_error_naming_it()
    {
        _server.Require();
        using var session = Sessions.New(Providers);
        var port = PostgresServer.FreePort();
        var (outcome, _) = await session.Run($"#!connect postgres --name nowhere \"Host=127.0.0.1;Port={port};Username={PostgresServer.User};Database=postgres;Timeout=5\"");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Equal(CellErrorKind.Connection, outcome.Error!.Kind);
        Assert.Contains($"127.0.0.1:{port}", outcome.Error.Message);

        // Nothing was registered under that name, and the session still works.
        var (use, _) = await session.Run("#!sql --connection nowhere\nSELECT 1");
        Assert.Contains("No connection named 'nowhere'", use.Error!.Message);
        await session.RunOk("#!sql\nSELECT 1 AS one");
    }

    [Fact]
    public async Task A_missing_database_gives_the_servers_message()
    {
        _server.Require();
        using var session = Sessions.New(Providers);
        var (outcome, _) = await session.Run($"#!connect postgres \"Host=127.0.0.1;Port={_server.Port};Username={PostgresServer.User};Database=no_such_db\"");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Equal(CellErrorKind.Connection, outcome.Error!.Kind);
        Assert.Contains("database \"no_such_db\" does not exist", outcome.Error.Message);
    }

    [Theory]
    [InlineData("Hots=127.0.0.1;Port={0}", "'hots' is not a key the provider knows")]
    [InlineData("Host=127.0.0.1;Port=fifty", "the value given for 'port' was refused")]
    [InlineData("Host=127.0.0.1;Port={0};Database", "the text from character 27 on is not a Key=Value pair")]
    public async Task A_bad_connection_string_gives_a_clear_error(string connectionString, string problem)
    {
        _server.Require();
        using var session = Sessions.New(Providers);
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, connectionString, _server.Port);
        var (outcome, _) = await session.Run($"#!connect postgres \"{text}\"");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.True(outcome.Error!.Kind == CellErrorKind.Connection, $"{outcome.Error.Kind} {outcome.Error.Name}: {outcome.Error.Message}");
        Assert.StartsWith("The postgres connection string is not valid: ", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, outcome.Error.Message, StringComparison.Ordinal);
        await session.RunOk("#!sql\nSELECT 1 AS one");
    }

    [Fact]
    public async Task Interrupting_a_long_postgres_query_cancels_the_cell_and_the_connection_goes_on()
    {
        using var session = await Connected("pgslow", "unused_slow");
        var output = new RecordingOutput();
        var running = session.ExecuteAsync("#!sql --connection pgslow\nSELECT pg_sleep(60)", output);
        await _server.WaitForActiveQueryAsync("pg_sleep(60)", running, TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();
        session.Interrupt();
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(30));
        var took = stopwatch.Elapsed;
        Assert.True(outcome.Status == CellStatus.Cancelled, $"{outcome.Status} {outcome.Error?.Kind} {outcome.Error?.Name}: {outcome.Error?.Message}");
        Assert.Equal(CellErrorKind.Interrupted, outcome.Error!.Kind);
        Assert.True(took < TimeSpan.FromSeconds(5), $"The interrupt took {took}.");

        var after = await session.RunOk("#!sql --connection pgslow\nSELECT 6 * 7 AS answer");
        Assert.Contains("42", after.Results.Single().Text());
    }

    [Fact]
    public async Task An_ado_connection_with_the_Npgsql_factory_works_like_postgres()
    {
        const string Table = "ado_items";
        _server.Require();
        using var session = Sessions.New(Providers);
        var connected = await session.RunOk($"#!connect ado --name viaado --provider \"Npgsql.NpgsqlFactory, Npgsql\" \"{_server.ConnectionString}\"");
        Assert.Contains("Connected 'viaado' (ado)", connected.Stdout);
        await session.RunOk($"#!sql --connection viaado\nDROP TABLE IF EXISTS {Table}");
        await session.RunOk($"#!sql --connection viaado\nCREATE TABLE {Table} (id integer, note text)");
        var hostile = string.Format(System.Globalization.CultureInfo.InvariantCulture, Hostile, Table);
        await session.RunOk($"var n = 5; var note = {Quoted(hostile)};");
        await session.RunOk($"#!sql --connection viaado\nINSERT INTO {Table} VALUES ($n, $note), ($n + 1, 'second')");

        await session.RunOk($"#!sql --connection viaado --name items\nSELECT id, note FROM {Table} ORDER BY id");
        var back = await session.RunOk("items.Rows.First()[\"note\"]");
        Assert.Equal(hostile, back.Results.Single().Text().Trim());
        var total = await session.RunOk("items.Rows.Sum(r => r.Get<int>(\"id\"))");
        Assert.Equal("11", total.Results.Single().Text().Trim());

        var tables = await session.RunOk("#!tables --connection viaado");
        Assert.Matches($@"public\s+{Table}\s+base table", tables.Shown.Single().Text());
        var schema = await session.RunOk($"#!schema --connection viaado {Table}");
        Assert.Matches(@"note\s+text\s+YES", schema.Shown.Single().Text());

        var (error, _) = await session.Run("#!sql --connection viaado\nSELECT * FROM still_missing");
        Assert.Equal(CellErrorKind.Sql, error.Error!.Kind);
        Assert.Contains("relation \"still_missing\" does not exist", error.Error.Message);

        var output = new RecordingOutput();
        var running = session.ExecuteAsync("#!sql --connection viaado\nSELECT pg_sleep(61)", output);
        await _server.WaitForActiveQueryAsync("pg_sleep(61)", running, TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();
        session.Interrupt();
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(outcome.Status == CellStatus.Cancelled, $"{outcome.Status} {outcome.Error?.Kind} {outcome.Error?.Name}: {outcome.Error?.Message}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"The interrupt took {stopwatch.Elapsed}.");
        await session.RunOk("#!sql --connection viaado\nSELECT 1 AS one");
    }
}
