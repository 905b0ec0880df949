namespace Mallard.Engine.Tests;

public sealed class MagicTests
{
    [Theory]
    [InlineData("#!sqll\nSELECT 1", "Unknown magic '#!sqll'", "#!sql")]
    [InlineData("#!sql --nmae x\nSELECT 1", "Unknown option '--nmae' for #!sql", "--name VAR")]
    [InlineData("#!sql --limit\nSELECT 1", "Option '--limit' of #!sql needs a value", "--limit N")]
    [InlineData("#!sql --limit many\nSELECT 1", "needs a whole number of at least 0, not 'many'", "--limit")]
    [InlineData("#!sql --quiet=yes\nSELECT 1", "Option '--quiet' of #!sql takes no value", "--quiet")]
    [InlineData("#!sql --name 2x\nSELECT 1", "'--name 2x' is not a valid C# variable name", "--name")]
    [InlineData("#!who extra", "#!who takes no arguments, but 'extra' was given", "#!who")]
    [InlineData("#!schema", "#!schema: give the table", "--ddl")]
    [InlineData("#!connect duckdb", "#!connect duckdb needs a target", "PATH|:memory:")]
    [InlineData("#!connect sqlite x.db", "SQLite connections go through Microsoft.Data.Sqlite", "#r \"nuget: Microsoft.Data.Sqlite\"")]
    [InlineData("#!connect mysql x", "Unknown connection kind 'mysql'", "duckdb, ado")]
    [InlineData("#!chart pie3d --data d", "Unknown chart kind 'pie3d'", "bar, line")]
    [InlineData("#!sql --connection nowhere\nSELECT 1", "No connection named 'nowhere'", "#!connect")]
    [InlineData("#!sql --name \"open\nSELECT 1", "Unterminated double quote", "")]
    public async Task Bad_magics_are_errors_that_name_the_problem_and_what_is_accepted(string cell, string problem, string accepted)
    {
        using var session = Sessions.New();
        var (outcome, output) = await session.Run(cell);
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Equal(CellErrorKind.Magic, outcome.Error!.Kind);
        Assert.Equal("MagicError", outcome.Error.Name);
        Assert.Contains(problem, outcome.Error.Message);
        Assert.Contains(accepted, outcome.Error.Message);
        Assert.Empty(output.Results);
        Assert.Equal(1, outcome.Error.Line);
    }

    [Fact]
    public async Task A_magic_error_never_runs_the_cell_as_csharp()
    {
        using var session = Sessions.New();
        var (outcome, _) = await session.Run("#!shell\nvar ranAnyway = 1;");
        Assert.Equal(CellErrorKind.Magic, outcome.Error!.Kind);
        Assert.DoesNotContain(session.Variables, v => v.Name == "ranAnyway");
    }

    [Fact]
    public async Task Who_lists_variables_with_types_and_shapes()
    {
        using var session = Sessions.New();
        await session.RunOk("var count = 3; var names = new List<string> { \"a\", \"b\" };");
        await session.RunOk("#!sql --name grid --quiet\nSELECT * FROM range(7) t(a), range(2) u(b)");
        var output = await session.RunOk("#!who");
        var table = output.Shown.Single().Text();
        Assert.Contains("count", table);
        Assert.Contains("int", table);
        Assert.Contains("List<string>", table);
        Assert.Contains("grid", table);
        Assert.Contains("14 × 2", table);
    }

    [Fact]
    public async Task Time_reports_the_wall_time_of_the_rest_of_the_cell()
    {
        using var session = Sessions.New();
        var sql = await session.RunOk("#!time\n#!sql\nSELECT 5 AS five");
        Assert.Contains("5", sql.Results.Single().Text());
        Assert.Matches(@"Wall time: \d+(\.\d+)? (ms|s)\n", sql.Stdout);
        var csharp = await session.RunOk("#!time\nThread.Sleep(20);");
        Assert.Matches(@"Wall time: \d+(\.\d+)? (ms|s)", csharp.Stdout);
    }

    [Fact]
    public async Task Tables_and_schema_describe_the_current_connection()
    {
        using var session = Sessions.New();
        await session.RunOk("#!sql\nCREATE SCHEMA gold; CREATE TABLE gold.facts(id INTEGER NOT NULL, label VARCHAR); CREATE VIEW v AS SELECT 1 AS one;");
        var tables = (await session.RunOk("#!tables")).Shown.Single().Text();
        Assert.Contains("facts", tables);
        Assert.Contains("gold", tables);
        Assert.Contains("view", tables);
        var schema = (await session.RunOk("#!schema gold.facts")).Shown.Single().Text();
        Assert.Contains("id", schema);
        Assert.Contains("INTEGER", schema);
        Assert.Contains("label", schema);
        var (missing, _) = await session.Run("#!schema nothing_here");
        Assert.Contains("No table or view named 'nothing_here'", missing.Error!.Message);
    }

    [Fact]
    public async Task Connect_opens_named_duckdb_connections_and_replaces_one_of_the_same_name()
    {
        var directory = TestDirectories.Create("mallard-connect-");
        using var session = Sessions.New(workingDirectory: directory);
        var opened = await session.RunOk("#!connect duckdb --name sales sales.duckdb\n#!sql\nCREATE TABLE t AS SELECT 42 AS v");
        Assert.Contains("Connected 'sales'", opened.Stdout);
        Assert.True(File.Exists(Path.Combine(directory, "sales.duckdb")));
        await session.RunOk("#!connect duckdb --name scratch :memory:");
        var (wrongDb, _) = await session.Run("#!sql\nSELECT v FROM t");
        Assert.Equal("CatalogError", wrongDb.Error!.Name);
        var named = await session.RunOk("#!sql --connection sales\nSELECT v FROM t");
        Assert.Contains("42", named.Results.Single().Text());
        await session.RunOk("#!connect duckdb --name sales --read-only sales.duckdb");
        var (readOnly, _) = await session.Run("#!sql --connection sales\nINSERT INTO t VALUES (1)");
        Assert.Equal(CellStatus.Error, readOnly.Status);
        Assert.Contains("read-only", readOnly.Error!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, session.Connections.Count(c => c.Name is "sales" or "scratch"));
        var (missing, _) = await session.Run("#!connect duckdb --name gone --read-only missing.duckdb");
        Assert.Equal(CellErrorKind.Connection, missing.Error!.Kind);
        Assert.Contains("does not exist", missing.Error.Message);
    }

    [Fact]
    public async Task Chart_draws_a_frame_as_plotly_and_writes_html_on_request()
    {
        var directory = TestDirectories.Create("mallard-chart-");
        using var session = Sessions.New(workingDirectory: directory);
        await session.RunOk("#!sql --name mix --quiet\nSELECT * FROM (VALUES ('VIP', 10), ('Loyal', 11)) t(segment, customers)");
        var output = await session.RunOk("#!chart bar --data mix --x segment --y customers --title \"Customers by segment\" --html out/chart.html");
        var figure = output.Shown.Single();
        var json = figure.Get("application/vnd.plotly.v1+json");
        Assert.Contains("\"type\":\"bar\"", json);
        Assert.Contains("Customers by segment", json);
        Assert.Contains("VIP", json);
        var html = Path.Combine(directory, "out", "chart.html");
        Assert.Contains(html, output.Stdout);
        Assert.Contains("Plotly", File.ReadAllText(html));
        var (badColumn, _) = await session.Run("#!chart bar --data mix --x segment --y revenue");
        Assert.Contains("no column 'revenue'", badColumn.Error!.Message);
        Assert.Contains("segment, customers", badColumn.Error.Message);
        var (missingY, _) = await session.Run("#!chart line --data mix --x segment");
        Assert.Contains("needs --y", missingY.Error!.Message);
    }

    [Fact]
    public async Task Help_lists_every_magic_with_its_options()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("#!help");
        foreach (var name in new[] { "#!sql", "#!connect", "#!chart", "#!who", "#!time", "#!tables", "#!schema" })
            Assert.Contains(name, output.Stdout);
        Assert.Contains("--limit N", output.Stdout);
    }
}
