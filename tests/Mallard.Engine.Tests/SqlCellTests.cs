using Mallard.Data;

namespace Mallard.Engine.Tests;

public sealed class SqlCellTests
{
    [Fact]
    public async Task A_sql_cell_runs_every_statement_and_shows_the_last_result()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("#!sql\nCREATE TABLE t AS SELECT range AS i FROM range(5);\nSELECT sum(i) AS total FROM t;");
        var result = output.Results.Single();
        Assert.Contains("total", result.Text());
        Assert.Contains("10", result.Text());
        Assert.True(result.Contains("text/html"));
    }

    [Fact]
    public async Task Percent_percent_sql_is_the_same_magic()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("%%sql\nSELECT 41 + 1 AS answer");
        Assert.Contains("42", output.Results.Single().Text());
    }

    [Fact]
    public async Task Name_stores_the_result_as_a_frame_for_csharp()
    {
        using var session = Sessions.New();
        await session.RunOk("#!sql --name squares --quiet\nSELECT range AS n, range * range AS sq FROM range(4)");
        var output = await session.RunOk("squares.RowCount * 100 + (int)squares.GetSpan<long>(\"sq\")[3]");
        Assert.Equal("409", output.Results.Single().Text().Trim());
    }

    [Fact]
    public async Task Quiet_shows_nothing_and_limit_bounds_the_display_not_the_frame()
    {
        using var session = Sessions.New();
        var quiet = await session.RunOk("#!sql --quiet\nSELECT 1");
        Assert.Empty(quiet.Items);
        var limited = await session.RunOk("#!sql --name big --limit 3\nSELECT * FROM range(50)");
        var html = limited.Results.Single().Get("text/html");
        Assert.Contains("3 of 50", html);
        var count = await session.RunOk("big.RowCount");
        Assert.Equal("50", count.Results.Single().Text().Trim());
    }

    [Fact]
    public async Task Csharp_frames_and_record_lists_are_tables_in_sql()
    {
        using var session = Sessions.New();
        await session.RunOk("var people = new List<Person> { new(\"Ada\", 36), new(\"Alan\", 41) };\nrecord Person(string Name, int Age);");
        var fromList = await session.RunOk("#!sql\nSELECT sum(Age) AS years FROM people");
        Assert.Contains("77", fromList.Results.Single().Text());
        await session.RunOk("#!sql --name firsts --quiet\nSELECT Name FROM people ORDER BY Name");
        var roundTrip = await session.RunOk("#!sql\nSELECT string_agg(Name, '+' ORDER BY Name) AS names FROM firsts");
        Assert.Contains("Ada+Alan", roundTrip.Results.Single().Text());
        await session.RunOk("people.Add(new(\"Grace\", 85));");
        var updated = await session.RunOk("#!sql\nSELECT count(*) AS n FROM people");
        Assert.Contains("3", updated.Results.Single().Text());
    }

    [Fact]
    public async Task Dollar_names_bind_csharp_variables_as_parameters_and_hostile_text_stays_data()
    {
        using var session = Sessions.New();
        await session.RunOk("#!sql\nCREATE TABLE notes(id INTEGER, body VARCHAR); INSERT INTO notes VALUES (1, 'keep');");
        await session.RunOk("var hostile = \"x'); DROP TABLE notes; -- /* end\"; var id = 2;");
        await session.RunOk("#!sql\nINSERT INTO notes VALUES ($id, $hostile)");
        var output = await session.RunOk("#!sql --name rows\nSELECT body FROM notes ORDER BY id");
        var rows = await session.RunOk("string.Join(\"|\", rows.Rows.Select(r => r[0]))");
        Assert.Equal("keep|x'); DROP TABLE notes; -- /* end", rows.Results.Single().Text().Trim());
    }

    [Fact]
    public async Task A_csharp_array_binds_as_one_list_parameter()
    {
        using var session = Sessions.New();
        await session.RunOk("var countries = new[] { \"US\", \"ES\", \"x' OR 1=1 --\" };");
        var output = await session.RunOk("#!sql --name hits\nSELECT c FROM (VALUES ('US'), ('FR'), ('ES')) t(c) WHERE list_contains($countries, c) ORDER BY c");
        var hits = await session.RunOk("string.Join(\"|\", hits.Rows.Select(r => r[0]))");
        Assert.Equal("ES|US", hits.Results.Single().Text().Trim());
    }

    [Fact]
    public async Task A_dollar_name_inside_a_string_or_comment_is_not_a_parameter()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("#!sql\nSELECT '$missing' AS s -- $alsoMissing\n");
        Assert.Contains("$missing", output.Results.Single().Text());
    }

    [Fact]
    public async Task A_missing_parameter_variable_is_an_error_naming_it_with_its_position()
    {
        using var session = Sessions.New();
        var (outcome, _) = await session.Run("#!sql\nSELECT 1\nWHERE 2 = $nowhere");
        Assert.Equal(CellStatus.Error, outcome.Status);
        Assert.Equal("ParameterError", outcome.Error!.Name);
        Assert.Contains("$nowhere", outcome.Error.Message);
        Assert.Contains("'nowhere'", outcome.Error.Message);
        Assert.Equal(3, outcome.Error.Line);
        Assert.Equal(11, outcome.Error.Column);
    }

    [Fact]
    public async Task A_sql_error_carries_duckdbs_message_and_marks_the_position_in_the_cell()
    {
        using var session = Sessions.New();
        var (outcome, _) = await session.Run("#!sql\nSELECT 1;\nSELECT * FROM no_such_table");
        Assert.Equal(CellStatus.Error, outcome.Status);
        var error = outcome.Error!;
        Assert.Equal(CellErrorKind.Sql, error.Kind);
        Assert.Equal("CatalogError", error.Name);
        Assert.Contains("no_such_table", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal(15, error.Column);
        Assert.Contains(error.Traceback, l => l.EndsWith("| SELECT * FROM no_such_table", StringComparison.Ordinal));
        var caret = error.Traceback[error.Traceback.ToList().FindIndex(l => l.Contains("no_such_table", StringComparison.Ordinal) && l.Contains('|')) + 1];
        Assert.Equal(caret.IndexOf('^'), error.Traceback.First(l => l.EndsWith("no_such_table", StringComparison.Ordinal) && l.Contains('|')).IndexOf("no_such_table", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_session_keeps_its_state_after_an_error()
    {
        using var session = Sessions.New();
        await session.RunOk("var kept = 7;");
        await session.RunOk("#!sql\nCREATE TABLE k AS SELECT 1 AS one");
        var (failed, _) = await session.Run("#!sql\nSELEC 1");
        Assert.Equal(CellStatus.Error, failed.Status);
        Assert.Equal("ParserError", failed.Error!.Name);
        var after = await session.RunOk("#!sql\nSELECT one + $kept AS v FROM k");
        Assert.Contains("8", after.Results.Single().Text());
    }

    [Fact]
    public async Task Sql_is_the_default_language_when_the_session_says_so()
    {
        using var session = Sessions.New(CellLanguage.Sql);
        var output = await session.RunOk("SELECT 'plain' AS mode");
        Assert.Contains("plain", output.Results.Single().Text());
        var csharp = await session.RunOk("#!csharp\n6 * 7");
        Assert.Equal("42", csharp.Results.Single().Text().Trim());
    }
}

public sealed class SqlPathTests
{
    [Fact]
    public async Task Relative_file_paths_in_sql_resolve_against_the_working_directory()
    {
        var directory = TestDirectories.Create("mallard-paths-");
        File.WriteAllText(Path.Combine(directory, "scores.csv"), "name,score\nada,3\nalan,4\n");
        using var session = Sessions.New(workingDirectory: directory);
        var output = await session.RunOk("#!sql\nSELECT sum(score) AS total FROM read_csv('scores.csv')");
        Assert.Contains("7", output.Results.Single().Text());
    }

    [Fact]
    public async Task A_missing_warehouse_is_named_when_sql_first_needs_it()
    {
        var directory = TestDirectories.Create("mallard-nowarehouse-");
        using var session = new Session(new SessionOptions { WarehousePath = Path.Combine(directory, "absent.duckdb"), WorkingDirectory = directory, CSharp = Scripting.CSharpScripting.Language });
        var output = await session.RunOk("#!sql\nSELECT 1 AS one");
        Assert.Contains("absent.duckdb", output.Stderr);
        Assert.Contains("mallard warehouse build", output.Stderr);
        var second = await session.RunOk("#!sql\nSELECT 2 AS two");
        Assert.Equal("", second.Stderr);
    }
}
