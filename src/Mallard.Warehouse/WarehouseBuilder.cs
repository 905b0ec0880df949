using System.Diagnostics;
using System.Globalization;
using Mallard.Data;
using Mallard.DuckDb;

namespace Mallard.Warehouse;

/// <summary>
/// Builds the warehouse: generates (or takes) the bronze layer, runs the silver and gold models in order, checks
/// the result, and only then replaces the previous warehouse file.
/// </summary>
public static class WarehouseBuilder
{
    /// <summary>
    /// Builds a new warehouse file beside <paramref name="path"/> and, when every quality check passes, renames it
    /// over <paramref name="path"/>. A build that fails, is cancelled or is killed leaves the previous file as it
    /// was; readers holding it open keep reading the old data. Throws <see cref="WarehouseCheckException"/> when a
    /// check fails.
    /// </summary>
    public static WarehouseBuildResult Build(
        string path,
        WarehouseBuildOptions? options = null,
        IProgress<WarehouseProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new WarehouseBuildOptions();
        options.Validate();
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        RemoveAbandonedBuilds(target);

        var stopwatch = Stopwatch.StartNew();
        var temporary = TemporaryPath(target, Environment.ProcessId);
        DeleteDatabaseFiles(temporary);
        try
        {
            IReadOnlyList<WarehouseModelRun> models;
            QualityReport report;
            // DuckDB names a database after its file; a file named like one of the warehouse's schemas (gold.duckdb) is attached
            // under another name, so that gold.table stays unambiguous (readers do the same, see DuckDbDatabaseOptions.Alias).
            var catalog = CatalogName(temporary);
            using (var database = DuckDbDatabase.Open(new DuckDbDatabaseOptions
            {
                Path = temporary,
                Alias = WarehouseModels.Schemas.Contains(catalog, StringComparer.OrdinalIgnoreCase) ? catalog + "_db" : null,
                Threads = options.Threads,
                MemoryLimit = options.MemoryLimit,
            }))
            using (var connection = database.Connect())
            {
                // Each model commits on its own. The new file is private to this build until the rename below, so one
                // transaction for the whole build would add no safety, and DuckDB reads tables created earlier in
                // the same transaction far more slowly than committed ones (a silver model reading its staging
                // tables took twice as long).
                models = BuildInto(connection, options, progress, cancellationToken);
                report = Check(connection, StepCount(options), StepCount(options), progress, cancellationToken);
                if (!report.Passed) throw new WarehouseCheckException(report);
                connection.Execute("CHECKPOINT", cancellationToken: cancellationToken);
            }
            // Same directory, so the rename is atomic: readers see the old file or the new one, never a mix.
            File.Move(temporary, target, overwrite: true);
            return new WarehouseBuildResult(target, models, report, stopwatch.Elapsed);
        }
        finally
        {
            DeleteDatabaseFiles(temporary);
        }
    }

    /// <summary>
    /// Builds every layer into an open connection's database (schemas <c>bronze</c>, <c>silver</c>, <c>gold</c>)
    /// without checking or replacing anything: for tests, benchmarks and in-memory warehouses.
    /// </summary>
    public static IReadOnlyList<WarehouseModelRun> BuildInto(
        DuckDbConnection connection,
        WarehouseBuildOptions? options = null,
        IProgress<WarehouseProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new WarehouseBuildOptions();
        options.Validate();
        Prepare(connection, options, WarehouseModels.Schemas, cancellationToken);

        var runs = new List<WarehouseModelRun>();
        if (options.Bronze is not null)
        {
            var stopwatch = Stopwatch.StartNew();
            options.Bronze(connection);
            var elapsed = stopwatch.Elapsed;
            foreach (var model in WarehouseModels.Bronze)
            {
                long rows;
                try
                {
                    rows = CountRows(connection, model, cancellationToken);
                }
                catch (DuckDbException e)
                {
                    throw new DuckDbException($"The supplied bronze layer has no table {model.QualifiedName}: {e.Message}", e);
                }
                runs.Add(new WarehouseModelRun(model, rows, elapsed));
                elapsed = TimeSpan.Zero;
            }
        }
        Run(connection, Steps(options), StepCount(options), runs, progress, cancellationToken);
        if (options.Bronze is null) DropGeneratorTables(connection, cancellationToken);
        return runs;
    }

    /// <summary>
    /// Generates only the bronze layer into an open connection's database (schema <c>bronze</c>), from
    /// <see cref="WarehouseBuildOptions.Scale"/> and <see cref="WarehouseBuildOptions.Seed"/>: the same generator
    /// steps and bronze models, with the same settings, as the start of <see cref="BuildInto"/>, and the same tables.
    /// The time this takes is the floor a whole build is measured against.
    /// </summary>
    /// <exception cref="ArgumentException">The options supply a bronze layer (<see cref="WarehouseBuildOptions.Bronze"/>), so there is nothing to generate.</exception>
    public static IReadOnlyList<WarehouseModelRun> GenerateBronzeInto(
        DuckDbConnection connection,
        WarehouseBuildOptions? options = null,
        IProgress<WarehouseProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new WarehouseBuildOptions();
        if (options.Bronze is not null)
            throw new ArgumentException("These options supply their own bronze layer, so there is nothing to generate; leave Bronze null.", nameof(options));
        options.Validate();
        Prepare(connection, options, ["bronze"], cancellationToken);

        List<WarehouseModel> steps = [.. WarehouseModels.Generator, .. WarehouseModels.Bronze];
        var runs = new List<WarehouseModelRun>();
        Run(connection, steps, steps.Count, runs, progress, cancellationToken);
        DropGeneratorTables(connection, cancellationToken);
        return runs;
    }

    /// <summary>Session settings, schemas and build parameters, before the first model.</summary>
    private static void Prepare(DuckDbConnection connection, WarehouseBuildOptions options, IEnumerable<string> schemas, CancellationToken cancellationToken)
    {
        // Large tables need not keep their insertion order; no model depends on it.
        connection.Execute("SET preserve_insertion_order = false", cancellationToken: cancellationToken);
        connection.Execute(string.Concat(schemas.Select(schema => $"CREATE SCHEMA IF NOT EXISTS {schema};")), cancellationToken: cancellationToken);
        SetParameters(connection, options, cancellationToken);
    }

    /// <summary>Runs <paramref name="steps"/> in order, reporting each as step <c>i + 1</c> of <paramref name="total"/>.</summary>
    private static void Run(
        DuckDbConnection connection,
        IReadOnlyList<WarehouseModel> steps,
        int total,
        List<WarehouseModelRun> runs,
        IProgress<WarehouseProgress>? progress,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var model = steps[i];
            progress?.Report(new WarehouseProgress(i + 1, total, model.Layer, model.Name, Finished: false, null, TimeSpan.Zero));
            var stopwatch = Stopwatch.StartNew();
            var restore = new Dictionary<string, string>();
            try
            {
                foreach (var (name, value) in model.Settings)
                {
                    var current = connection.Query($"SELECT current_setting({SqlText.Literal(name)})", cancellationToken)[0].GetValue(0);
                    restore[name] = Convert.ToString(current, CultureInfo.InvariantCulture) ?? "";
                    Set(connection, name, value, cancellationToken);
                }
                connection.Execute(model.Statement, cancellationToken: cancellationToken);
            }
            catch (DuckDbException e)
            {
                throw new DuckDbException($"Model {model.QualifiedName} failed: {e.Message}", e);
            }
            finally
            {
                // The connection's own values come back, whatever they were.
                foreach (var (name, value) in restore) Set(connection, name, value, CancellationToken.None);
            }
            long? rows = model.IsScript ? null : CountRows(connection, model, cancellationToken);
            var run = new WarehouseModelRun(model, rows, stopwatch.Elapsed);
            runs.Add(run);
            progress?.Report(new WarehouseProgress(i + 1, total, model.Layer, model.Name, Finished: true, rows, run.Elapsed));
        }
    }

    /// <summary>Sets a DuckDB setting (the name is our own constant; SET takes no bound values).</summary>
    private static void Set(DuckDbConnection connection, string name, string value, CancellationToken cancellationToken) =>
        connection.Execute($"SET {name} = {SqlText.Literal(value)}", cancellationToken: cancellationToken);

    /// <summary>The generator's working tables are not part of the warehouse.</summary>
    private static void DropGeneratorTables(DuckDbConnection connection, CancellationToken cancellationToken) =>
        connection.Execute("DROP TABLE IF EXISTS gen_orders; DROP TABLE IF EXISTS gen_customers; DROP TABLE IF EXISTS gen_countries;",
            cancellationToken: cancellationToken);

    /// <summary>The models a build runs, in order.</summary>
    private static List<WarehouseModel> Steps(WarehouseBuildOptions options)
    {
        var steps = new List<WarehouseModel>();
        if (options.Bronze is null) steps.AddRange([.. WarehouseModels.Generator, .. WarehouseModels.Bronze]);
        steps.AddRange([.. WarehouseModels.Functions, .. WarehouseModels.Silver, .. WarehouseModels.Gold]);
        return steps;
    }

    /// <summary>The progress steps of a build: its models and the checks.</summary>
    private static int StepCount(WarehouseBuildOptions options) => Steps(options).Count + 1;

    /// <summary>Runs the quality checks on a built warehouse, reporting them as one progress step.</summary>
    internal static QualityReport Check(DuckDbConnection connection, int step, int steps, IProgress<WarehouseProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new WarehouseProgress(step, steps, WarehouseLayer.Checks, "quality checks", Finished: false, null, TimeSpan.Zero));
        var stopwatch = Stopwatch.StartNew();
        var report = WarehouseChecks.Run(connection, cancellationToken: cancellationToken);
        progress?.Report(new WarehouseProgress(step, steps, WarehouseLayer.Checks, "quality checks", Finished: true, report.Results.Count, stopwatch.Elapsed));
        return report;
    }

    /// <summary>The catalog name DuckDB gives a database file: its name without leading dots, up to the next dot.</summary>
    internal static string CatalogName(string path)
    {
        var name = Path.GetFileName(path).TrimStart('.');
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? name : name[..dot];
    }

    /// <summary>The file a build by process <paramref name="processId"/> writes before it replaces <paramref name="target"/>.</summary>
    internal static string TemporaryPath(string target, int processId) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.build-{processId.ToString(CultureInfo.InvariantCulture)}.tmp");

    private static void SetParameters(DuckDbConnection connection, WarehouseBuildOptions options, CancellationToken cancellationToken)
    {
        var t = options.Thresholds;
        var parameters = new List<(string Name, object Value, string Type)>
        {
            ("as_of", options.AsOf, "DATE"),
            ("vip_min_orders", t.VipMinOrders, "INTEGER"),
            ("vip_min_spent", t.VipMinSpent, "DECIMAL(18, 2)"),
            ("loyal_min_orders", t.LoyalMinOrders, "INTEGER"),
            ("loyal_min_spent", t.LoyalMinSpent, "DECIMAL(18, 2)"),
            ("regular_min_orders", t.RegularMinOrders, "INTEGER"),
            ("recency_active_days", t.RecencyActiveDays, "INTEGER"),
            ("recency_cooling_days", t.RecencyCoolingDays, "INTEGER"),
            ("recency_at_risk_days", t.RecencyAtRiskDays, "INTEGER"),
            ("value_high_percentile", t.ValueHighPercentile, "DOUBLE"),
            ("value_medium_percentile", t.ValueMediumPercentile, "DOUBLE"),
            ("risk_min_late_payments", t.RiskMinLatePayments, "INTEGER"),
            ("risk_late_payment_rate", t.RiskLatePaymentRate, "DOUBLE"),
            ("risk_min_failed_payments", t.RiskMinFailedPayments, "INTEGER"),
            ("risk_min_tickets", t.RiskMinTickets, "INTEGER"),
            ("risk_max_satisfaction", t.RiskMaxSatisfaction, "DOUBLE"),
        };
        if (options.Bronze is null)
        {
            parameters.Add(("seed", options.Seed, "BIGINT"));
            parameters.Add(("scale", options.Scale, "BIGINT"));
        }
        else
        {
            connection.Execute("RESET VARIABLE seed; RESET VARIABLE scale;", cancellationToken: cancellationToken);
        }
        // Values are bound, never spliced into the SQL; the names and types are our own constants.
        foreach (var (name, value, type) in parameters)
            connection.Execute($"SET VARIABLE {name} = CAST($value AS {type})", new Dictionary<string, object?> { ["value"] = value }, cancellationToken);
    }

    private static long CountRows(DuckDbConnection connection, WarehouseModel model, CancellationToken cancellationToken)
    {
        var frame = connection.Query($"SELECT count(*) FROM {model.QualifiedName}", cancellationToken);
        return Convert.ToInt64(frame[0].GetValue(0), CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes the temporary files of builds whose process has died (killed mid-build).</summary>
    private static void RemoveAbandonedBuilds(string target)
    {
        var directory = Path.GetDirectoryName(target)!;
        var prefix = $".{Path.GetFileName(target)}.build-";
        foreach (var file in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
        {
            var id = Path.GetFileName(file)[prefix.Length..^".tmp".Length];
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var processId) || IsRunning(processId)) continue;
            DeleteDatabaseFiles(file);
        }
    }

    private static bool IsRunning(int processId)
    {
        if (processId == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var file in new[] { path, path + ".wal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Still open elsewhere, or gone meanwhile: the next build tidies up.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        if (Directory.Exists(path + ".tmp"))
        {
            try
            {
                Directory.Delete(path + ".tmp", recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
