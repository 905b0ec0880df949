namespace Mallard.Repl.Tests;

/// <summary><c>mallard repl -c</c> and <c>mallard repl &lt; script</c>, run as a user would: no prompts, no colour, the exit code says how it went.</summary>
public sealed class ScriptTests
{
    private const string Sample = "SELECT * FROM (VALUES (1, 'a[b]', NULL), (2, '北京', 2.5)) t(id, name, score) ORDER BY id;";

    [Theory]
    [InlineData("table", "script.table.txt")]
    [InlineData("csv", "script.csv")]
    [InlineData("json", "script.json")]
    [InlineData("markdown", "script.md")]
    [InlineData("line", "script.line.txt")]
    public void Command_mode_prints_the_result_in_each_mode(string mode, string expected)
    {
        var (code, stdout, stderr) = MallardProcess.Run("repl", ":memory:", "--mode", mode, "-c", Sample);
        Assert.True(code == 0, stderr);
        Expected.Matches(stdout, expected);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void Piped_input_switches_modes_with_dot_commands_and_prints_each_statement()
    {
        var script = string.Join('\n', ".mode csv", Sample, ".mode json", Sample, ".mode markdown", Sample, ".mode line", Sample, ".mode table", Sample, "");
        var (code, stdout, stderr) = MallardProcess.RunWithInput(script, "repl", ":memory:");
        Assert.True(code == 0, stderr);
        var expected = string.Concat(new[] { "script.csv", "script.json", "script.md", "script.line.txt", "script.table.txt" }
            .Select(f => File.ReadAllText(Path.Combine(ExpectedDirectory(), f))));
        Assert.Equal(expected, stdout);
    }

    [Fact]
    public void A_database_file_that_does_not_exist_is_created_and_keeps_what_the_repl_wrote()
    {
        var directory = TestDirectories.Create("mallard-repl-new-");
        var file = Path.Combine(directory, "fresh.duckdb");

        var (made, _, madeError) = MallardProcess.Run("repl", file, "-c", "CREATE TABLE kept AS SELECT 42 AS answer;");
        var (read, stdout, readError) = MallardProcess.Run("repl", file, "--read-only", "--mode", "csv", "-c", "SELECT answer FROM kept;");
        var (missing, _, missingError) = MallardProcess.Run("repl", Path.Combine(directory, "absent.duckdb"), "--read-only", "-c", "SELECT 1;");

        Assert.True(made == 0, madeError);
        Assert.True(read == 0, readError);
        Assert.Equal("answer\n42\n", stdout);
        Assert.Equal(1, missing);
        Assert.Contains("--read-only opens an existing file only", missingError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "absent.duckdb")));
    }

    [Fact]
    public void Several_statements_on_one_line_each_print_their_result()
    {
        var (code, stdout, _) = MallardProcess.Run("repl", ":memory:", "--mode", "csv", "-c", "SELECT 1 AS a; SELECT 2 AS b;\nSELECT 3 AS c");
        Assert.Equal(0, code);
        Assert.Equal("a\n1\nb\n2\nc\n3\n", stdout);
    }

    [Fact]
    public void Frames_shown_by_csharp_display_and_by_tables_follow_the_mode_too()
    {
        var script = "CREATE TABLE t AS SELECT 1 AS a;\n#!tables\n#!csharp\ndisplay(new Frame(PrimitiveColumn<int>.Create(\"n\", [7, 8])));\n";
        var (code, stdout, stderr) = MallardProcess.RunWithInput(script, "repl", ":memory:", "--mode", "csv");
        Assert.True(code == 0, stderr);
        Assert.Contains("schema,name,kind,columns,rows\nmain,t,table,", stdout);
        Assert.Contains("n\n7\n8\n", stdout);
    }

    [Fact]
    public void The_first_error_stops_the_script_names_the_statement_and_exits_non_zero()
    {
        var script = "SELECT 1 AS ok;\n\nSELECT *\nFROM missing_table;\nSELECT 3 AS never;\n";
        var (code, stdout, stderr) = MallardProcess.RunWithInput(script, "repl", ":memory:", "--mode", "csv");
        Assert.Equal(1, code);
        Assert.Equal("ok\n1\n", stdout);
        Assert.Contains("Error in statement 2 (stdin, line 3): SELECT *", stderr);
        Assert.Contains("missing_table", stderr);
        Assert.DoesNotContain("never", stdout + stderr);
        Assert.DoesNotContain('\u001b', stderr);
    }

    [Fact]
    public void A_command_error_exits_non_zero_too()
    {
        var (code, _, stderr) = MallardProcess.Run("repl", ":memory:", "-c", "SELEC 1;");
        Assert.Equal(1, code);
        Assert.Contains("Error in statement 1 (-c, line 1): SELEC 1;", stderr);
        Assert.Contains("syntax error", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_unknown_dot_command_or_bad_mode_is_an_error_naming_it()
    {
        var unknown = MallardProcess.Run("repl", ":memory:", "-c", ".frobnicate");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unknown command '.frobnicate'", unknown.Stderr);
        var mode = MallardProcess.Run("repl", ":memory:", "-c", ".mode yaml");
        Assert.Equal(1, mode.ExitCode);
        Assert.Contains("unknown mode 'yaml'", mode.Stderr);
    }

    [Fact]
    public void Csharp_and_sql_share_variables_and_the_mode_switches_on_a_line_alone()
    {
        var script = "#!csharp\nvar limit = 3;\nvar names = new[] { \"x\", \"y\" };\nnames.Length * 10\n#!sql\nSELECT count(*) AS n FROM range(10) WHERE range < $limit;\n";
        var (code, stdout, stderr) = MallardProcess.RunWithInput(script, "repl", ":memory:", "--mode", "csv");
        Assert.True(code == 0, stderr);
        Assert.Equal("20\nn\n3\n", stdout);
    }

    [Fact]
    public void Output_and_once_send_results_to_files_and_timer_reports_run_time()
    {
        var directory = TestDirectories.Create("mallard-repl-");
        var all = Path.Combine(directory, "all.csv");
        var one = Path.Combine(directory, "one.csv");
        var script = $".mode csv\n.output {all}\nSELECT 1 AS a;\nSELECT 2 AS b;\n.output\n.once {one}\nSELECT 3 AS c;\nSELECT 4 AS d;\n.timer on\nSELECT 5 AS e;\n";
        var (code, stdout, stderr) = MallardProcess.RunWithInput(script, "repl", ":memory:");
        Assert.True(code == 0, stderr);
        Assert.Equal("a\n1\nb\n2\n", File.ReadAllText(all));
        Assert.Equal("c\n3\n", File.ReadAllText(one));
        Assert.StartsWith("d\n4\ne\n5\nRun time: ", stdout);
    }

    [Fact]
    public void Without_a_terminal_a_missing_warehouse_is_said_on_standard_error()
    {
        // MallardProcess points MALLARD_WAREHOUSE at a file that does not exist.
        var (code, stdout, stderr) = MallardProcess.Run("repl", "--mode", "csv", "-c", "SELECT 1 AS a;");
        var (_, _, withDatabase) = MallardProcess.Run("repl", ":memory:", "-c", "SELECT 1 AS a;");

        Assert.Equal(0, code);
        Assert.Equal("a\n1\n", stdout);
        Assert.StartsWith("mallard repl: no warehouse at ", stderr, StringComparison.Ordinal);
        Assert.Contains("using an in-memory database", stderr, StringComparison.Ordinal);
        Assert.Equal("", withDatabase);
    }

    [Fact]
    public void A_once_file_waits_past_settings_for_the_next_result()
    {
        var directory = TestDirectories.Create("mallard-repl-");
        var one = Path.Combine(directory, "one.csv");
        var script = $".once {one}\n.mode csv\n.maxrows 5\nSELECT 7 AS seven;\nSELECT 8 AS eight;\n";

        var (code, stdout, stderr) = MallardProcess.RunWithInput(script, "repl", ":memory:");

        Assert.True(code == 0, stderr);
        Assert.Equal("seven\n7\n", File.ReadAllText(one));
        Assert.Equal("eight\n8\n", stdout);
    }

    [Fact]
    public void Maxrows_bounds_the_table_and_says_how_many_rows_there_are()
    {
        var (code, stdout, _) = MallardProcess.Run("repl", ":memory:", "-c", ".maxrows 3\nSELECT range AS n FROM range(500);");
        Assert.Equal(0, code);
        Assert.Contains("3 of 500 rows", stdout);
        Assert.DoesNotContain("     3\n", stdout);
    }

    [Fact]
    public void Tables_schema_open_and_read_work_on_a_database_file()
    {
        var directory = TestDirectories.Create("mallard-repl-");
        var database = Path.Combine(directory, "shop.duckdb");
        var create = MallardProcess.Run("repl", database, "-c", "CREATE TABLE orders(order_id INTEGER, total DECIMAL(10,2)); INSERT INTO orders VALUES (1, 9.99);");
        Assert.True(create.ExitCode == 0, create.Stderr);
        var read = Path.Combine(directory, "script.sql");
        File.WriteAllText(read, ".mode csv\nSELECT total FROM orders;\n");
        var (code, stdout, stderr) = MallardProcess.Run("repl", database, "--read-only", "-c", $".tables\n.schema orders\n.read {read}\n.open :memory:\nSELECT 42 AS answer;");
        Assert.True(code == 0, stderr);
        Assert.Contains("orders", stdout);
        Assert.Contains("order_id", stdout);
        Assert.Contains("DECIMAL(10,2)", stdout);
        Assert.Contains("CREATE TABLE orders(order_id INTEGER, total DECIMAL(10,2));", stdout);
        Assert.Contains("total\n9.99\n", stdout);
        Assert.Contains("answer\n42\n", stdout);
    }

    [Fact]
    public void Schema_prints_the_statements_that_create_tables_views_and_indexes_as_the_duckdb_cli_does()
    {
        var script = "CREATE SCHEMA gold; CREATE TABLE gold.customers(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL);"
            + " CREATE INDEX customers_name ON gold.customers(name); CREATE VIEW gold.names AS SELECT name FROM gold.customers;"
            + " CREATE TABLE other(x INTEGER);\n.schema\n.schema gold.cust%\n.schema nothing_like_this\n";
        var (code, stdout, stderr) = MallardProcess.RunWithInput(script, "repl", ":memory:", "--mode", "csv");
        const string table = "CREATE TABLE gold.customers(id INTEGER PRIMARY KEY, \"name\" VARCHAR NOT NULL);\n";
        const string index = "CREATE INDEX customers_name ON gold.customers(\"name\");\n";
        // Every object, the main schema's first, each statement ending with ';'; then those like the pattern.
        var printed = stdout[stdout.IndexOf("CREATE", StringComparison.Ordinal)..];
        Assert.Equal("CREATE TABLE other(x INTEGER);\n" + table + index + "CREATE VIEW gold.\"names\" AS SELECT \"name\" FROM gold.customers;\n" + table + index, printed);
        // A name nothing is like says so and fails.
        Assert.Equal(1, code);
        Assert.Contains("No table, view or index on connection 'memory' is named like 'nothing_like_this'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_writes_the_last_querys_whole_result_as_csv_parquet_or_json()
    {
        var directory = TestDirectories.Create("mallard-repl-");
        var csv = Path.Combine(directory, "out.csv");
        var parquet = Path.Combine(directory, "out.parquet");
        var json = Path.Combine(directory, "out.json");
        // Before any query there is nothing to export (a script stops at its first error).
        var early = MallardProcess.RunWithInput($"CREATE TABLE t(i INTEGER);\n.export {csv}\n", "repl", ":memory:");
        Assert.Equal(1, early.ExitCode);
        Assert.Contains(".export: no query has run yet", early.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(csv));

        var script = "CREATE TABLE t AS SELECT range AS i, 'item ' || range AS name FROM range(3000);\n"
            + $".maxrows 5\nSELECT * FROM t WHERE i % 2 = 1 ORDER BY i;\n.export {csv}\n.export {parquet}\n.export {json}\n.export {Path.Combine(directory, "out.xlsx")}\n";
        var (code, stdout, stderr) = MallardProcess.RunWithInput(script, "repl", ":memory:");
        // An extension that names no format is refused.
        Assert.Contains("'" + Path.Combine(directory, "out.xlsx") + "' ends in none of .csv, .parquet, .json and .ndjson", stderr, StringComparison.Ordinal);
        Assert.Equal(1, code);
        Assert.Contains("Wrote " + parquet, stdout, StringComparison.Ordinal);
        // Every row, not the five the screen showed.
        var lines = File.ReadAllLines(csv);
        Assert.Equal("i,name", lines[0]);
        Assert.Equal(1501, lines.Length);
        Assert.Equal("2999,item 2999", lines[^1]);
        var read = MallardProcess.Run("query", "-f", "csv", $"SELECT count(*) AS n, sum(i) AS total, max(name) AS last FROM '{parquet}'");
        Assert.True(read.ExitCode == 0, read.Stderr);
        Assert.Equal("n,total,last\n1500,2250000,item 999\n", read.Stdout);
        var array = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!.AsArray();
        Assert.Equal(1500, array.Count);
        Assert.Equal("item 1", array[0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void A_read_only_database_refuses_writes_and_a_missing_one_is_an_error()
    {
        var directory = TestDirectories.Create("mallard-repl-");
        var missing = MallardProcess.Run("repl", Path.Combine(directory, "missing.duckdb"), "--read-only", "-c", "SELECT 1;");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no database file", missing.Stderr);
        Assert.False(File.Exists(Path.Combine(directory, "missing.duckdb")));
        var database = Path.Combine(directory, "ro.duckdb");
        Assert.Equal(0, MallardProcess.Run("repl", database, "-c", "CREATE TABLE t(i INTEGER);").ExitCode);
        var write = MallardProcess.Run("repl", database, "--read-only", "-c", "INSERT INTO t VALUES (1);");
        Assert.Equal(1, write.ExitCode);
        Assert.Contains("read-only", write.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_chart_draws_bars_and_writes_its_html_where_it_says()
    {
        var directory = TestDirectories.Create("mallard-repl-");
        var html = Path.Combine(directory, "charts", "revenue.html");
        var script = "#!sql --name sales --quiet\nSELECT * FROM (VALUES ('north', 30), ('south', 10)) t(region, revenue);\n"
            + $"#!chart bar --data sales --x region --y revenue --html {html}\n";
        var (code, stdout, stderr) = MallardProcess.RunWithInput(script, "repl", ":memory:");
        Assert.True(code == 0, stderr);
        Assert.Matches(@"north │█+ 30\n", stdout);
        Assert.Matches(@"south │█+ +10\n", stdout);
        Assert.Contains($"Chart written to {html}", stdout);
        Assert.Contains("plotly", File.ReadAllText(html), StringComparison.OrdinalIgnoreCase);
    }

    private static string ExpectedDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "Expected");
}
