using System.Diagnostics;
using Mallard.DuckDb;

namespace Mallard.Warehouse.Tests;

public class AtomicBuildTests
{
    private static long BuiltScale(string path)
    {
        using var database = DuckDbDatabase.Open(new DuckDbDatabaseOptions { Path = path, ReadOnly = true });
        using var connection = database.Connect();
        Assert.True(Db.Long(connection, "SELECT count(*) FROM gold.gld_customer_analytics") > 0);
        return Db.Long(connection, "SELECT scale FROM gold.gld_build_info");
    }

    private static string[] LeftOvers(Scratch scratch) =>
        Directory.EnumerateFileSystemEntries(scratch.Directory).Select(Path.GetFileName).Where(n => n != "mallard.duckdb").ToArray()!;

    [Fact]
    public void A_build_writes_the_warehouse_and_leaves_no_temporary_files()
    {
        using var scratch = new Scratch();
        var path = scratch.File("mallard.duckdb");
        var steps = new List<WarehouseProgress>();

        var result = WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 200 }, new SynchronousProgress(steps.Add));

        Assert.Equal(path, result.Path);
        Assert.True(result.Checks.Passed);
        Assert.Equal(200, BuiltScale(path));
        Assert.Empty(LeftOvers(scratch));
        Assert.Equal(WarehouseModels.Tables.Count, result.Models.Count(m => m.Rows is not null));
        // Every step starts, then finishes, in order; the checks come last.
        var finished = steps.Where(s => s.Finished).ToArray();
        Assert.Equal(Enumerable.Range(1, finished.Length), finished.Select(s => s.Step));
        Assert.All(finished, s => Assert.Equal(finished.Length, s.Steps));
        Assert.Equal(WarehouseLayer.Checks, finished[^1].Layer);
        Assert.Equal(2 * finished.Length, steps.Count);
    }

    [Fact]
    public void A_build_that_fails_its_checks_keeps_the_previous_warehouse()
    {
        using var scratch = new Scratch();
        var path = scratch.File("mallard.duckdb");
        WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 150 });

        // An order status nobody knows fails accepted_values on silver.stg_orders.status.
        var broken = BronzeFixture.Options(extraSql: "UPDATE bronze.orders SET status = 'shipped' WHERE order_id = 101;");
        var error = Assert.Throws<WarehouseCheckException>(() => WarehouseBuilder.Build(path, broken));

        var failure = Assert.Single(error.Report.Failures);
        Assert.Equal("accepted_values silver.stg_orders.status", failure.Check.Label);
        Assert.Contains("status=shipped, order_id=101", error.Message, StringComparison.Ordinal);
        Assert.Equal(150, BuiltScale(path));
        Assert.Empty(LeftOvers(scratch));
    }

    [Fact]
    public void A_build_whose_sql_fails_keeps_the_previous_warehouse()
    {
        using var scratch = new Scratch();
        var path = scratch.File("mallard.duckdb");
        WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 150 });

        var missingColumn = BronzeFixture.Options(extraSql: "ALTER TABLE bronze.payments DROP COLUMN method;");
        var error = Assert.Throws<DuckDbException>(() => WarehouseBuilder.Build(path, missingColumn));

        Assert.StartsWith("Model silver.stg_payments failed: Binder Error", error.Message, StringComparison.Ordinal);
        Assert.Contains("method", error.Message, StringComparison.Ordinal);
        Assert.Equal(150, BuiltScale(path));
        Assert.Empty(LeftOvers(scratch));
    }

    [Fact]
    public void A_cancelled_build_keeps_the_previous_warehouse()
    {
        using var scratch = new Scratch();
        var path = scratch.File("mallard.duckdb");
        WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 150 });
        using var cancellation = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 300 },
            new SynchronousProgress(p => { if (p.Layer == WarehouseLayer.Silver) cancellation.Cancel(); }), cancellation.Token));

        Assert.Equal(150, BuiltScale(path));
        Assert.Empty(LeftOvers(scratch));
    }

    [Fact]
    public void A_reader_holding_the_old_warehouse_keeps_reading_it_through_a_rebuild()
    {
        using var scratch = new Scratch();
        var path = scratch.File("mallard.duckdb");
        WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 150 });
        if (OperatingSystem.IsWindows()) return; // Windows refuses to replace a file that is open.
        using (var reader = DuckDbDatabase.Open(new DuckDbDatabaseOptions { Path = path, ReadOnly = true }))
        using (var connection = reader.Connect())
        {
            var before = Db.Long(connection, "SELECT count(*) FROM gold.gld_customer_analytics");

            WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 250 });

            Assert.Equal(before, Db.Long(connection, "SELECT count(*) FROM gold.gld_customer_analytics"));
            Assert.Equal(150, Db.Long(connection, "SELECT scale FROM gold.gld_build_info"));
            // Another process opening the path meanwhile gets the new warehouse. (In this process, DuckDB's
            // instance cache hands out the open, old database until its last user closes it.)
            var other = MallardProcess.Run("query", "--read-only", "-d", path, "-f", "csv", "SELECT scale FROM gold.gld_build_info");
            Assert.True(other.ExitCode == 0, other.Stderr);
            Assert.Equal("scale\n250\n", other.Stdout.ReplaceLineEndings("\n"));
        }
        Assert.Equal(250, BuiltScale(path));
    }

    [Fact]
    public void A_killed_build_leaves_the_previous_warehouse_readable_and_the_next_build_tidies_up()
    {
        using var scratch = new Scratch();
        var path = scratch.File("mallard.duckdb");
        WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 150 });

        // A build big enough to still be running when its bronze layer is reported.
        using (var process = Process.Start(MallardProcess.StartInfo("warehouse", "build", "--scale", "200000", "--threads", "1", "--output", path))!)
        {
            try
            {
                string? line;
                while ((line = process.StandardOutput.ReadLine()) is not null && !line.Contains("bronze.customers", StringComparison.Ordinal))
                {
                }
                Assert.NotNull(line);
                Assert.False(process.HasExited, "the build finished before it could be killed");
                Assert.NotEmpty(LeftOvers(scratch));
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        Assert.Equal(150, BuiltScale(path));
        Assert.NotEmpty(LeftOvers(scratch)); // the killed build's file stays until the next build...
        WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 100 });
        Assert.Empty(LeftOvers(scratch)); // ...which removes it.
        Assert.Equal(100, BuiltScale(path));
    }

    [Fact]
    public void A_file_named_after_a_layer_builds_and_reads_with_its_schemas_unambiguous()
    {
        using var scratch = new Scratch();
        var path = scratch.File("gold.duckdb");

        WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 10 });

        // DuckDB would name the catalog gold, beside the schema gold: Mallard attaches the file as gold_db instead.
        Assert.Equal(10, BuiltScale(path));
        using var database = DuckDbDatabase.Open(new DuckDbDatabaseOptions { Path = path, ReadOnly = true });
        using var connection = database.Connect();
        Assert.Equal("gold_db", connection.Query("SELECT current_database() AS db")["db"].GetValue(0));
        Assert.Equal(["gold.duckdb"], Directory.EnumerateFileSystemEntries(scratch.Directory).Select(Path.GetFileName));
    }

    private sealed class SynchronousProgress(Action<WarehouseProgress> report) : IProgress<WarehouseProgress>
    {
        public void Report(WarehouseProgress value) => report(value);
    }
}
