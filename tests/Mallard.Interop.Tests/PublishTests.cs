using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mallard.Data;
using Mallard.Warehouse;
using Npgsql;

namespace Mallard.Interop.Tests;

/// <summary>
/// <c>mallard warehouse publish</c> into a real PostgreSQL server, and the segmentation pack on the published copy: the same
/// figures as on DuckDB, through a session (the kernel's way, <c>#!connect postgres</c>), through <c>mallard run -p
/// connection=...</c>, and through psql with the pack's SQL file.
/// </summary>
public sealed partial class PublishTests(PublishFixture fixture) : IClassFixture<PublishFixture>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Averages of DOUBLE columns: each engine adds the values in its own order, so the last bits may differ.</summary>
    private static readonly HashSet<string> FloatingAverages = ["risk_levels.avg_late_payment_rate", "risk_levels.avg_satisfaction"];

    private static readonly IReadOnlyList<Mallard.Engine.Connections.IConnectionProvider> Providers =
        [Mallard.Engine.Connections.DuckDbConnectionProvider.Instance, Mallard.Connectors.Postgres.PostgresConnectionProvider.Instance];

    private static string Notebook => Path.Combine(PublishFixture.Repository, "notebooks", "segmentation_pack.ipynb");

    private static string SqlFile => Path.Combine(PublishFixture.Repository, "notebooks", "sql", "segmentation_pack.postgres.sql");

    public static TheoryData<long> Scales => [.. PublishFixture.Scales];

    [Theory]
    [MemberData(nameof(Scales))]
    public async Task Every_figure_of_the_segmentation_pack_on_the_published_warehouse_equals_duckdbs(long scale)
    {
        var database = $"pack_{scale}";
        var connection = fixture.Server.CreateDatabase(database);
        var published = fixture.Publish(scale, database);
        Assert.True(published.ExitCode == 0, published.Stdout + published.Stderr);
        Assert.Contains("gold: published", published.Stdout, StringComparison.Ordinal);
        CheckTables(fixture.Warehouse(scale), connection);

        var duck = await PackFrames(scale, connect: null);
        var postgres = await PackFrames(scale, connect: $"#!connect postgres --name published \"{fixture.Server.Url(database)}\"");
        Assert.True(duck.Count >= 15, $"The pack made only {duck.Count} frames.");
        Assert.Equal(duck.Keys.Order(), postgres.Keys.Order());
        foreach (var (name, expected) in duck) AssertSameFrame(name, expected, postgres[name]);
    }

    [Fact]
    public void The_runner_with_a_postgres_connection_parameter_shows_the_tables_cards_charts_and_findings_of_the_duckdb_run()
    {
        var scale = PublishFixture.Scales[0];
        const string Database = "pack_runner";
        fixture.Server.CreateDatabase(Database);
        var published = fixture.Publish(scale, Database);
        Assert.True(published.ExitCode == 0, published.Stdout + published.Stderr);
        var folder = TestDirectories.Create("mallard-publish-run-");
        var onDuck = Path.Combine(folder, "duckdb.ipynb");
        var onPostgres = Path.Combine(folder, "postgres.ipynb");

        var duckRun = MallardProcess.Run("run", Notebook, "--warehouse", fixture.Warehouse(scale), "-o", onDuck);
        Assert.True(duckRun.ExitCode == 0, duckRun.Stdout + duckRun.Stderr);
        var pgRun = MallardProcess.Run("run", Notebook, "--warehouse", fixture.Warehouse(scale), "-o", onPostgres, "-p", "connection=" + fixture.Server.Url(Database));
        Assert.True(pgRun.ExitCode == 0, pgRun.Stdout + pgRun.Stderr);

        Assert.Contains("Connected 'postgres' (postgres)", File.ReadAllText(onPostgres), StringComparison.Ordinal);
        var expected = Outputs(onDuck);
        var actual = Outputs(onPostgres);
        Assert.True(expected.Count >= 20, $"The DuckDB run shows only {expected.Count} tables, cards, charts and findings.");
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
    }

    [Fact]
    public void A_publish_killed_while_copying_leaves_the_published_gold_schema_readable_and_unchanged()
    {
        const string Database = "killed";
        var (small, large) = (PublishFixture.Scales[0], PublishFixture.Scales[1]);
        var (connection, before) = PublishedSmall(Database);

        // A reader inside a transaction on the published gold: the publish cannot swap gold in before it ends, so the kill
        // below always lands before the commit.
        using var reader = new NpgsqlConnection(connection);
        reader.Open();
        using (var transaction = reader.BeginTransaction())
        {
            Assert.Equal(small, Scalar<long>(reader, "SELECT scale FROM gold.gld_build_info"));
            using var publish = Process.Start(MallardProcess.StartInfo("warehouse", "publish", "--warehouse", fixture.Warehouse(large), "--postgres", fixture.Server.Url(Database)))!;
            var lines = new Lines(publish);
            lines.WaitFor(l => l.StartsWith("  copying gold.", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            publish.Kill(entireProcessTree: true);
            Assert.True(publish.WaitForExit(TimeSpan.FromMinutes(1)), "The killed publish did not end.");
            // Still readable, by the reader that was reading all along.
            Assert.Equal(small, Scalar<long>(reader, "SELECT scale FROM gold.gld_build_info"));
            transaction.Commit();
        }

        Assert.Equal(before, GoldDigest(connection));
        Assert.Equal(0L, Scalar<long>(connection, $"SELECT count(*) FROM pg_namespace WHERE nspname LIKE '%{WarehousePublisher.StagingSuffix}'"));

        // A staging schema left behind (by an older publish, or by hand) goes with the next publish, which succeeds.
        Execute(connection, $"CREATE SCHEMA gold{WarehousePublisher.StagingSuffix}; CREATE TABLE gold{WarehousePublisher.StagingSuffix}.leftover (x integer)");
        var again = fixture.Publish(large, Database);
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Equal(large, Scalar<long>(connection, "SELECT scale FROM gold.gld_build_info"));
        Assert.Equal(0L, Scalar<long>(connection, $"SELECT count(*) FROM pg_namespace WHERE nspname LIKE '%{WarehousePublisher.StagingSuffix}'"));
    }

    [Fact]
    public void Ctrl_C_stops_a_publish_waiting_for_readers_and_keeps_the_published_gold_schema()
    {
        const string Database = "interrupted";
        var (small, large) = (PublishFixture.Scales[0], PublishFixture.Scales[1]);
        var (connection, before) = PublishedSmall(Database);

        using var reader = new NpgsqlConnection(connection);
        reader.Open();
        string stderr;
        using (var transaction = reader.BeginTransaction())
        {
            Assert.Equal(small, Scalar<long>(reader, "SELECT scale FROM gold.gld_build_info"));
            var start = MallardProcess.StartInfo("warehouse", "publish", "--warehouse", fixture.Warehouse(large), "--postgres", fixture.Server.Url(Database));
            // A test host may ignore SIGINT, which its children inherit: give the publish the default disposition, as a shell does.
            start.ArgumentList.Insert(0, start.FileName);
            start.ArgumentList.Insert(0, "--default-signal=INT");
            start.FileName = "env";
            using var publish = Process.Start(start)!;
            var lines = new Lines(publish);
            // The publish waits on the reader's lock to replace gold: the interrupt must reach the server to stop that wait.
            lines.WaitFor(l => l.StartsWith("gold: replacing", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            using (var signal = Process.Start("kill", ["-INT", publish.Id.ToString(Invariant)])) signal.WaitForExit();
            if (!publish.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                publish.Kill(entireProcessTree: true);
                Assert.Fail("Ctrl-C did not stop a publish waiting for a reader: the cancellation did not reach the server.\n" + lines.All);
            }
            Assert.Equal(130, publish.ExitCode);
            stderr = lines.Stderr;
            transaction.Commit();
        }

        Assert.Contains("Interrupted; silver was published; the published gold schema was kept as it was.", stderr, StringComparison.Ordinal);
        Assert.Equal(before, GoldDigest(connection));
        Assert.Contains($"scale {large},", Strings(connection, "SELECT obj_description('silver'::regnamespace, 'pg_namespace')").Single(), StringComparison.Ordinal);
        Assert.Equal(0L, Scalar<long>(connection, $"SELECT count(*) FROM pg_namespace WHERE nspname LIKE '%{WarehousePublisher.StagingSuffix}'"));
    }

    [Fact]
    public void A_bad_connection_string_an_unreachable_server_a_missing_warehouse_or_a_foreign_schema_is_named_and_nothing_is_changed()
    {
        var scale = PublishFixture.Scales[0];
        const string Database = "refused";
        var connection = fixture.Server.CreateDatabase(Database);
        var warehouse = fixture.Warehouse(scale);

        var keyword = MallardProcess.Run("warehouse", "publish", "--warehouse", warehouse, "--postgres", "Hots=127.0.0.1;Database=x");
        Assert.Equal(2, keyword.ExitCode);
        Assert.Contains("connection string is not valid", keyword.Stderr, StringComparison.Ordinal);
        Assert.Contains("hots", keyword.Stderr, StringComparison.OrdinalIgnoreCase);

        var port = MallardProcess.Run("warehouse", "publish", "--warehouse", warehouse, "--postgres", "postgres://me:secret@127.0.0.1:99999/x");
        Assert.Equal(2, port.ExitCode);
        Assert.Contains("port '99999' is not a port number", port.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", port.Stdout + port.Stderr, StringComparison.Ordinal);

        var free = PostgresServer.FreePort();
        var unreachable = MallardProcess.Run("warehouse", "publish", "--warehouse", warehouse, "--postgres", $"postgres://me:secret@127.0.0.1:{free}/x?connect_timeout=5");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains($"Could not connect to PostgreSQL at 127.0.0.1:{free}", unreachable.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", unreachable.Stdout + unreachable.Stderr, StringComparison.Ordinal);

        var missing = Path.Combine(TestDirectories.Create("mallard-publish-missing-"), "none.duckdb");
        var noWarehouse = MallardProcess.Run("warehouse", "publish", "--warehouse", missing, "--postgres", fixture.Server.Url(Database));
        Assert.Equal(2, noWarehouse.ExitCode);
        Assert.Contains($"there is no warehouse at {missing}", noWarehouse.Stderr, StringComparison.Ordinal);

        // A gold schema the publish did not make is never replaced: its table stays.
        Execute(connection, "CREATE SCHEMA gold; CREATE TABLE gold.precious (id integer); INSERT INTO gold.precious VALUES (1)");
        var foreign = fixture.Publish(scale, Database);
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("already has a schema \"gold\" that `mallard warehouse publish` did not make", foreign.Stderr, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar<long>(connection, "SELECT count(*) FROM gold.precious"));
        Assert.Equal(0L, Scalar<long>(connection, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('silver', 'bronze')"));
    }

    [Fact]
    public void Psql_runs_the_segmentation_sql_file_against_a_published_warehouse_without_an_error()
    {
        var scale = PublishFixture.Scales[0];
        const string Database = "psql_pack";
        fixture.Server.CreateDatabase(Database);
        var published = fixture.Publish(scale, Database);
        Assert.True(published.ExitCode == 0, published.Stdout + published.Stderr);
        var psql = Path.Combine(fixture.Server.Bin, "psql");
        Assert.True(File.Exists(psql), $"psql is missing beside the server's programs ({psql}): install it with apt-get install postgresql.");
        using var database = Mallard.DuckDb.DuckDbDatabase.Open(fixture.Warehouse(scale), readOnly: true);
        using var duck = database.Connect();
        var spend = Convert.ToDecimal(duck.Query("SELECT sum(lifetime_value) FROM gold.gld_customer_analytics")[0].GetValue(0), Invariant);

        var run = ChildProcess.Run(psql, new Dictionary<string, string>(), TimeSpan.FromMinutes(2),
            fixture.Server.Url(Database), "-X", "-v", "ON_ERROR_STOP=1", "-f", SqlFile);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.DoesNotContain("ERROR", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(spend.ToString(Invariant), run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Query 7: High-risk customer flags", run.Stdout, StringComparison.Ordinal);

        var signup = ChildProcess.Run(psql, new Dictionary<string, string>(), TimeSpan.FromMinutes(2),
            fixture.Server.Url(Database), "-X", "-v", "ON_ERROR_STOP=1", "-v", "cohortBasis=signup", "-v", "monthsShown=6", "-f", SqlFile);
        Assert.True(signup.ExitCode == 0, signup.Stdout + signup.Stderr);
        Assert.Contains(" signup ", signup.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_query_of_the_psql_file_is_the_notebooks_sql_cell_of_that_name()
    {
        var cells = NamedSqlCells();
        var file = File.ReadAllText(SqlFile);
        var queries = QueryInFile().Matches(file).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.TrimEnd());
        Assert.Equal(cells.Keys.Order(), queries.Keys.Order());
        foreach (var (name, sql) in cells)
        {
            var asNotebook = PsqlVariable().Replace(queries[name], m => "$" + m.Groups[1].Value);
            Assert.Equal(sql, asNotebook);
        }
    }

    /// <summary>The notebook's SQL cells by their --name: the SQL after the magic line.</summary>
    private static Dictionary<string, string> NamedSqlCells()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Notebook));
        var result = new Dictionary<string, string>();
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            var source = string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString()));
            if (SqlCell().Match(source) is { Success: true } m) result[m.Groups[1].Value] = source[m.Length..].TrimEnd();
        }
        return result;
    }

    /// <summary>Runs every code cell of the notebook in a session over the warehouse at <paramref name="scale"/>, after <paramref name="connect"/>; the frames its SQL cells named.</summary>
    private async Task<Dictionary<string, Frame>> PackFrames(long scale, string? connect)
    {
        await using var session = new Session(new SessionOptions
        {
            WorkingDirectory = Path.GetDirectoryName(Notebook),
            WarehousePath = fixture.Warehouse(scale),
            ConnectionProviders = Providers,
            CSharp = Mallard.Engine.Scripting.CSharpScripting.Language,
            Files = LocalFiles.Instance,
        });
        if (connect is not null) await session.RunOk(connect);
        using var document = JsonDocument.Parse(File.ReadAllText(Notebook));
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code"))
            await session.RunOk(string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString())));
        var names = NamedSqlCells().Keys.ToHashSet();
        return session.Variables.Where(v => names.Contains(v.Name) && v.Value is Frame).ToDictionary(v => v.Name, v => (Frame)v.Value!);
    }

    /// <summary>Same columns, rows and values: decimals, integers, text and dates exactly, doubles exactly but for sums in another order.</summary>
    private static void AssertSameFrame(string name, Frame expected, Frame actual)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        Assert.True(expected.RowCount == actual.RowCount, $"{name}: {expected.RowCount} rows on DuckDB, {actual.RowCount} on PostgreSQL.");
        for (var c = 0; c < expected.ColumnCount; c++)
        {
            var column = name + "." + expected.Columns[c].Name;
            for (var row = 0; row < expected.RowCount; row++)
            {
                var (e, a) = (Normal(expected.Columns[c].GetValue(row)), Normal(actual.Columns[c].GetValue(row)));
                var where = $"{column}, row {row}: DuckDB {Show(e)}, PostgreSQL {Show(a)}";
                if (e is double x && a is double y && FloatingAverages.Contains(column))
                    Assert.True(Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x)), where);
                else
                    Assert.True(Equals(e, a), where);
            }
        }
    }

    /// <summary>A value as both engines can give it: whole numbers as long, dates as DateOnly, decimals as decimal.</summary>
    private static object? Normal(object? value) => value switch
    {
        int or long or short => Convert.ToInt64(value, Invariant),
        DateTime { TimeOfDay.Ticks: 0 } t => DateOnly.FromDateTime(t),
        System.Data.SqlTypes.SqlDecimal d => d.Value,
        _ => value,
    };

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        double d => d.ToString("R", Invariant) + " (double)",
        IFormattable f => f.ToString(null, Invariant) + $" ({value.GetType().Name})",
        _ => value + $" ({value.GetType().Name})",
    };

    /// <summary>Every published table has the warehouse's rows, its columns' exact types, and its key.</summary>
    private static void CheckTables(string warehouse, string connection)
    {
        using var database = Mallard.DuckDb.DuckDbDatabase.Open(warehouse, readOnly: true);
        using var duck = database.Connect();
        using var postgres = new NpgsqlConnection(connection);
        postgres.Open();
        foreach (var model in WarehouseModels.Silver.Concat(WarehouseModels.Gold))
        {
            var rows = Convert.ToInt64(duck.Query($"SELECT count(*) FROM {model.QualifiedName}")[0].GetValue(0), Invariant);
            Assert.Equal(rows, Scalar<long>(postgres, $"SELECT count(*) FROM {model.QualifiedName}"));
            var duckTypes = duck.Query($"SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = '{model.Schema}' AND table_name = '{model.Name}' ORDER BY ordinal_position")
                .Rows.Select(r => r.Get<string>("column_name") + " " + Expected(r.Get<string>("data_type")!)).ToList();
            var pgTypes = Strings(postgres, $"SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '{model.QualifiedName}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
            Assert.Equal(duckTypes, pgTypes);
            var key = Strings(postgres, $"SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '{model.QualifiedName}'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)");
            Assert.Equal(model.Key, key);
        }
        // The money functions give DuckDB's cents, half cents rounded away from zero.
        Assert.Equal("5.03|-5.03|1.51|1.51", Strings(postgres,
            "SELECT gold.money_div(10.05, 2) || '|' || gold.money_div(-10.05, 2) || '|' || gold.money_avg(x) || '|' || gold.money_median(x) FROM (VALUES (1.00), (2.01), (NULL)) AS v (x)").Single());

        static string Expected(string duckType) => duckType switch
        {
            "BIGINT" => "bigint",
            "INTEGER" => "integer",
            "DOUBLE" => "double precision",
            "VARCHAR" => "text",
            "VARCHAR[]" => "text[]",
            "DATE" => "date",
            "TIMESTAMP" => "timestamp without time zone",
            "BOOLEAN" => "boolean",
            var d when d.StartsWith("DECIMAL(", StringComparison.Ordinal) => "numeric" + d["DECIMAL".Length..],
            var other => other,
        };
    }

    /// <summary>A new database <paramref name="database"/> with the small warehouse published in it, and its gold schema's digest.</summary>
    private (string Connection, string Digest) PublishedSmall(string database)
    {
        var connection = fixture.Server.CreateDatabase(database);
        var first = fixture.Publish(PublishFixture.Scales[0], database);
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        return (connection, GoldDigest(connection));
    }

    /// <summary>What identifies the published gold schema's contents: its build, its customers and their lifetime value.</summary>
    private static string GoldDigest(string connection) => Strings(connection, """
        SELECT (SELECT scale || '|' || as_of FROM gold.gld_build_info) || '|' || count(*) || '|' || sum(lifetime_value) || '|' || obj_description('gold'::regnamespace, 'pg_namespace')
        FROM gold.gld_customer_analytics
        """).Single();

    /// <summary>The executed notebook's tables, KPI cards, charts and findings, in order; a DECIMAL's precision left out of table headers (PostgreSQL names none for computed numerics).</summary>
    private static List<string> Outputs(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var result = new List<string>();
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code"))
        {
            foreach (var output in cell.GetProperty("outputs").EnumerateArray())
            {
                if (output.GetProperty("output_type").GetString() == "error") result.Add("error " + output.GetProperty("evalue").GetString());
                if (!output.TryGetProperty("data", out var data)) continue;
                static string Text(JsonElement v) => v.ValueKind == JsonValueKind.Array ? string.Concat(v.EnumerateArray().Select(l => l.GetString())) : v.ToString();
                var html = data.TryGetProperty("text/html", out var h) ? Text(h) : "";
                if (data.TryGetProperty("application/vnd.plotly.v1+json", out var plotly)) result.Add("chart " + plotly.GetRawText());
                else if (html.Contains("mallard-table", StringComparison.Ordinal)) result.Add("table " + DecimalPrecision().Replace(Text(data.GetProperty("text/plain")), "DECIMAL($1)"));
                else if (html.Contains("mallard-kpis", StringComparison.Ordinal)) result.Add("kpis " + Text(data.GetProperty("text/plain")));
                else if (data.TryGetProperty("text/markdown", out var markdown)) result.Add("markdown " + Text(markdown));
            }
        }
        return result;
    }

    private static T Scalar<T>(string connection, string sql)
    {
        using var postgres = new NpgsqlConnection(connection);
        postgres.Open();
        return Scalar<T>(postgres, sql);
    }

    private static T Scalar<T>(NpgsqlConnection postgres, string sql)
    {
        using var command = new NpgsqlCommand(sql, postgres);
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), Invariant);
    }

    private static List<string> Strings(string connection, string sql)
    {
        using var postgres = new NpgsqlConnection(connection);
        postgres.Open();
        return Strings(postgres, sql);
    }

    private static List<string> Strings(NpgsqlConnection postgres, string sql)
    {
        using var command = new NpgsqlCommand(sql, postgres);
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read()) result.Add(reader.GetString(0));
        return result;
    }

    private static void Execute(string connection, string sql)
    {
        using var postgres = new NpgsqlConnection(connection);
        postgres.Open();
        using var command = new NpgsqlCommand(sql, postgres);
        command.ExecuteNonQuery();
    }

    [GeneratedRegex(@"^#!sql --name (\w+)[^\n]*\n")]
    private static partial Regex SqlCell();

    [GeneratedRegex(@"^-- name: (\w+)\n(.*?)(?=\n\n|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex QueryInFile();

    [GeneratedRegex(@"(?<!:):'?(\w+)('?)")]
    private static partial Regex PsqlVariable();

    [GeneratedRegex(@"DECIMAL\(\d+,(\d+)\)")]
    private static partial Regex DecimalPrecision();

    /// <summary>A process's output lines as they come, and a wait for one.</summary>
    private sealed class Lines
    {
        private readonly List<string> _stdout = [];
        private readonly System.Text.StringBuilder _stderr = new();
        private readonly object _lock = new();

        public Lines(Process process)
        {
            process.StandardInput.Close();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (_lock)
                {
                    _stdout.Add(e.Data);
                    Monitor.PulseAll(_lock);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (_lock) _stderr.AppendLine(e.Data);
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Stderr
        {
            get
            {
                lock (_lock) return _stderr.ToString();
            }
        }

        public string All
        {
            get
            {
                lock (_lock) return string.Join('\n', _stdout) + "\n" + _stderr;
            }
        }

        /// <summary>Waits until a line matching <paramref name="match"/> has come; fails the test with the output so far after <paramref name="limit"/>.</summary>
        public void WaitFor(Func<string, bool> match, TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            lock (_lock)
            {
                while (!_stdout.Any(match))
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero) Assert.Fail("The expected line did not come:\n" + All);
                    Monitor.Wait(_lock, left);
                }
            }
        }
    }
}
