namespace Mallard.Cli.Tests;

public sealed class QueryCommandTests : IDisposable
{
    private readonly string _dir = TestDirectories.Create("mallard-cli-");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_query_prints_an_aligned_table_with_names_types_and_a_row_count()
    {
        var (exit, stdout, stderr) = MallardProcess.RunWithInput(null, "query", "SELECT 1::BIGINT AS id, 'Ada' AS name UNION ALL SELECT 22, NULL ORDER BY id");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var lines = stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                "    id  name",
                "BIGINT  VARCHAR",
                "------  -------",
                "     1  Ada",
                "    22  NULL",
                "2 rows · 2 columns",
            ],
            lines);
    }

    [Fact]
    public void Long_results_are_bounded_and_say_how_many_rows_were_shown()
    {
        var (exit, stdout, _) = MallardProcess.RunWithInput(null, "query", "--max-rows", "3", "SELECT range AS n FROM range(1000)");

        Assert.Equal(0, exit);
        Assert.Contains("3 of 1,000 rows", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   999", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_format_quotes_what_needs_quoting()
    {
        var (exit, stdout, _) = MallardProcess.RunWithInput(null, "query", "--format", "csv", "SELECT 'a,b' AS x, 'say \"hi\"' AS y");

        Assert.Equal(0, exit);
        Assert.Equal("x,y\n\"a,b\",\"say \"\"hi\"\"\"\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Json_markdown_and_line_formats_print_every_row()
    {
        const string sql = "SELECT range AS n, 'row ' || range AS label FROM range(3)";

        var json = MallardProcess.RunWithInput(null, "query", "--format", "json", "--max-rows", "1", sql);
        var markdown = MallardProcess.RunWithInput(null, "query", "-f", "markdown", sql);
        var line = MallardProcess.RunWithInput(null, "query", "-f", "line", sql);

        Assert.Equal(0, json.ExitCode);
        Assert.Contains("{\"n\":2,\"label\":\"row 2\"}", json.Stdout, StringComparison.Ordinal);
        Assert.Contains("| 2 | row 2 |", markdown.Stdout, StringComparison.Ordinal);
        Assert.Contains("label = row 2", line.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_can_come_from_standard_input_and_a_script_returns_its_last_result()
    {
        var (exit, stdout, _) = MallardProcess.RunWithInput("CREATE TABLE t AS SELECT 41 AS v; SELECT v + 1 AS answer FROM t;", "query", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Equal("answer\n42\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_file_database_keeps_its_tables_between_runs()
    {
        var path = Path.Combine(_dir, "kept.duckdb");

        Assert.Equal(0, MallardProcess.RunWithInput(null, "query", "-d", path, "CREATE TABLE kept AS SELECT 7 AS seven").ExitCode);
        var (exit, stdout, _) = MallardProcess.RunWithInput(null, "query", "-d", path, "--read-only", "--format", "csv", "SELECT seven FROM kept");

        Assert.Equal(0, exit);
        Assert.Equal("seven\n7\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_sql_error_exits_with_1_and_prints_duckdbs_message_with_the_position()
    {
        var (exit, stdout, stderr) = MallardProcess.RunWithInput(null, "query", "SELECT nope FROM range(3)");

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        // The engine's form, as in the REPL and the kernel: DuckDB's message and help, then the line with a caret under the position.
        Assert.Contains("BinderError: Referenced column \"nope\" not found in FROM clause!\nCandidate bindings: \"range\"", stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("  line 1 | SELECT nope FROM range(3)\n                  ^", stderr.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_missing_file_read_only_says_the_file_does_not_exist()
    {
        var path = Path.Combine(_dir, "missing.duckdb");

        var (exit, _, stderr) = MallardProcess.RunWithInput(null, "query", "-d", path, "--read-only", "SELECT 1");

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
        Assert.Contains("missing.duckdb", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Without_sql_or_piped_input_the_command_explains_what_it_needs()
    {
        var (exit, _, stderr) = MallardProcess.RunWithInput("", "query");

        // Empty standard input is still input: it holds no statement.
        Assert.Equal(1, exit);
        Assert.Contains("no statement", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_option_value_is_named()
    {
        var (exit, _, stderr) = MallardProcess.RunWithInput(null, "query", "--format", "xml", "SELECT 1");

        Assert.Equal(2, exit);
        Assert.Equal("mallard: --format takes one of table, box, csv, json, markdown, line, not 'xml'.\nRun 'mallard query --help' for usage.\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_number_option_given_a_word_says_it_takes_a_number_and_where_help_is()
    {
        var (exit, _, stderr) = MallardProcess.RunWithInput(null, "warehouse", "build", "--scale", "many");

        Assert.Equal(2, exit);
        Assert.Equal("mallard: --scale takes a whole number, not 'many'.\nRun 'mallard warehouse build --help' for usage.\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Version_names_the_duckdb_library()
    {
        var (exit, stdout, _) = MallardProcess.RunWithInput(null, "version");

        Assert.Equal(0, exit);
        Assert.Contains("duckdb v1.5.6", stdout, StringComparison.Ordinal);
    }
}
