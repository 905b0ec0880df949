namespace Mallard.Warehouse.Tests;

public class WarehouseCommandTests
{
    [Fact]
    public void Build_prints_progress_per_model_and_a_summary_and_check_passes_on_the_result()
    {
        using var scratch = new Scratch();
        var path = scratch.File("mallard.duckdb");

        var build = MallardProcess.Run("warehouse", "build", "--scale", "120", "--seed", "5", "--as-of", "2025-06-15", "--output", path);

        Assert.True(build.ExitCode == 0, build.Stderr);
        Assert.Contains("120 customers, seed 5, as of 2025-06-15", build.Stdout, StringComparison.Ordinal);
        foreach (var model in WarehouseModels.Tables)
            Assert.Contains(model.QualifiedName, build.Stdout, StringComparison.Ordinal);
        Assert.Contains("quality checks", build.Stdout, StringComparison.Ordinal);
        Assert.Contains("rows/s", build.Stdout, StringComparison.Ordinal);

        var check = MallardProcess.Run("warehouse", "check", path);

        Assert.True(check.ExitCode == 0, check.Stderr);
        Assert.Contains("66 of 66 quality checks passed.", check.Stdout.Replace(WarehouseChecks.Default.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "66", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_reports_offending_rows_and_exits_with_1()
    {
        using var scratch = new Scratch();
        var path = scratch.File("mallard.duckdb");
        WarehouseBuilder.Build(path, new WarehouseBuildOptions { Scale = 100 });
        using (var database = Mallard.DuckDb.DuckDbDatabase.Open(path))
        using (var connection = database.Connect())
            connection.Execute("UPDATE gold.gld_customer_analytics SET lifetime_value = -5 WHERE customer_id = 1");

        var check = MallardProcess.Run("warehouse", "check", path);

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("FAIL non_negative gold.gld_customer_analytics.lifetime_value", check.Stderr, StringComparison.Ordinal);
        Assert.Contains("lifetime_value=-5.00, customer_id=1", check.Stderr, StringComparison.Ordinal);
        Assert.Contains("FAIL reconciliation gold.gld_customer_analytics.lifetime_value", check.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_are_clear_errors()
    {
        using var scratch = new Scratch();

        var asOf = MallardProcess.Run("warehouse", "build", "--as-of", "July", "--output", scratch.File("mallard.duckdb"));
        var scale = MallardProcess.Run("warehouse", "build", "--scale", "0", "--output", scratch.File("mallard.duckdb"));
        var missing = MallardProcess.Run("warehouse", "check", scratch.File("nothing.duckdb"));

        Assert.Equal(2, asOf.ExitCode);
        Assert.Contains("--as-of takes a date as yyyy-MM-dd", asOf.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, scale.ExitCode);
        Assert.Contains("scale", scale.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("there is no warehouse at", missing.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Directory));
    }

    [Fact]
    public void A_file_that_is_not_a_warehouse_a_new_folder_and_a_failed_first_build_are_said_plainly()
    {
        using var scratch = new Scratch();
        var other = scratch.File("other.duckdb");
        Assert.Equal(0, MallardProcess.Run("query", "-d", other, "CREATE TABLE t AS SELECT 1 AS a").ExitCode);
        var blocked = scratch.File("taken.duckdb");
        Directory.CreateDirectory(blocked); // a folder where the warehouse file would go: the final rename fails

        var check = MallardProcess.Run("warehouse", "check", other);
        var folder = MallardProcess.Run("warehouse", "build", "--scale", "50", "--output", Path.Combine(scratch.Directory, "no", "such", "w.duckdb"));
        var failed = MallardProcess.Run("warehouse", "build", "--scale", "50", "--output", blocked);

        Assert.Equal(2, check.ExitCode);
        Assert.Contains("is not a Mallard warehouse (it has no gold.gld_build_info table)", check.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", check.Stdout + check.Stderr, StringComparison.Ordinal);
        Assert.True(folder.ExitCode == 0, folder.Stderr);
        Assert.StartsWith($"Created the folder {Path.Combine(scratch.Directory, "no", "such")}.", folder.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(scratch.Directory, "no", "such", "w.duckdb")));
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains($"Nothing was written at {blocked}.", failed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("previous warehouse", failed.Stderr, StringComparison.Ordinal);
    }
}

