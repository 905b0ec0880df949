using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mallard.Benchmarks.Support;
using Mallard.DuckDb;
using Mallard.Warehouse;

namespace Mallard.Benchmarks;

/// <summary>
/// The whole warehouse build (<see cref="WarehouseBuilder.Build"/>: generator, bronze, silver and gold models,
/// quality checks, commit, checkpoint and the atomic rename) into a fresh file, against the floor in the same run:
/// DuckDB generating only the bronze layer (<see cref="WarehouseBuilder.GenerateBronzeInto"/>) into a fresh file,
/// committed and checkpointed the same way. Goal at 1,000,000 customers: the build within 3x the floor.
/// </summary>
[Config(typeof(Config))]
public class WarehouseBuildBenchmark
{
    private const string FileName = "mallard.duckdb";
    private string _directory = "";
    private string _lastIteration = "";

    /// <summary>Customers generated: 1,000,000 is the scale the goal is set on; 10,000 gives a quick check.</summary>
    [Params(10_000, 1_000_000)]
    public long Scale { get; set; }

    private WarehouseBuildOptions Options => new() { Scale = Scale };

    private string FilePath => Path.Combine(_directory, FileName);

    /// <summary>A fresh directory for each iteration, so every build and every floor starts without a file.</summary>
    [IterationSetup]
    public void NewDirectory()
    {
        _directory = Path.Combine(WarehouseRows.TemporaryRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    /// <summary>
    /// The floor: a fresh database file, the generator and bronze models (each committing on its own), checkpoint.
    /// This is what <see cref="WarehouseBuilder.Build"/> does before its silver and gold models.
    /// </summary>
    [Benchmark(Baseline = true)]
    public long Floor_Bronze()
    {
        var options = Options;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<WarehouseModelRun> runs;
        using (var database = DuckDbDatabase.Open(new DuckDbDatabaseOptions { Path = FilePath, Threads = options.Threads, MemoryLimit = options.MemoryLimit }))
        using (var connection = database.Connect())
        {
            runs = WarehouseBuilder.GenerateBronzeInto(connection, options);
            connection.Execute("CHECKPOINT");
        }
        var rows = runs.Sum(r => r.Rows ?? 0);
        WarehouseRows.Record(nameof(Floor_Bronze), Scale, rows, rows);
        _lastIteration = Describe(runs, stopwatch.Elapsed);
        return rows;
    }

    /// <summary>The whole build, as <c>mallard warehouse build --scale N</c> runs it (without the console output).</summary>
    [Benchmark]
    public long Mallard_Build()
    {
        var result = WarehouseBuilder.Build(FilePath, Options);
        var bronze = result.Models.Where(m => m.Model.Layer == WarehouseLayer.Bronze).Sum(m => m.Rows ?? 0);
        WarehouseRows.Record(nameof(Mallard_Build), Scale, result.RowsWritten, bronze, result.Elapsed / result.GenerationElapsed);
        _lastIteration = Describe(result.Models, result.Elapsed);
        return result.RowsWritten;
    }

    /// <summary>Logs where the iteration's time went, then deletes its directory and the warehouse in it.</summary>
    [IterationCleanup]
    public void DeleteDirectory()
    {
        if (_lastIteration.Length > 0) Console.WriteLine($"// scale {Scale.ToString("N0", CultureInfo.InvariantCulture)}: {_lastIteration}");
        _lastIteration = "";
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Removes the benchmark's temporary root when nothing else is left in it.</summary>
    [GlobalCleanup]
    public void DeleteRoot()
    {
        // Only when empty: another run of this benchmark may be using it.
        try
        {
            Directory.Delete(WarehouseRows.TemporaryRoot);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Two lines per iteration in the log: where the time went, by layer and by model.</summary>
    private static string Describe(IReadOnlyList<WarehouseModelRun> runs, TimeSpan total)
    {
        double Seconds(params WarehouseLayer[] layers) => runs.Where(r => layers.Contains(r.Model.Layer)).Sum(r => r.Elapsed.TotalSeconds);
        var generation = Seconds(WarehouseLayer.Generator, WarehouseLayer.Bronze);
        var silver = Seconds(WarehouseLayer.Silver);
        var gold = Seconds(WarehouseLayer.Gold);
        var rest = total.TotalSeconds - generation - silver - gold;
        var layers = string.Create(CultureInfo.InvariantCulture,
            $"{total.TotalSeconds:F1} s = generator and bronze {generation:F1} s + silver {silver:F1} s + gold {gold:F1} s + checks, commit, checkpoint and files {rest:F1} s; {runs.Sum(r => r.Rows ?? 0):N0} rows");
        var models = string.Join(", ", runs.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Model.QualifiedName} {r.Elapsed.TotalSeconds:F2}")));
        return layers + "\n//   " + models;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // An iteration takes minutes at 1,000,000 customers: one process, one warm-up, three measured iterations,
            // each one build (monitoring). In process, with a time limit that fits the whole case; a separate process
            // would first build a boilerplate project, which times out on a busy machine.
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(6), logOutput: true)));
            AddColumn(WarehouseRows.RowsColumn, WarehouseRows.RowsPerSecondColumn, WarehouseRows.BronzeRowsPerSecondColumn, WarehouseRows.OwnGenerationRatioColumn);
        }
    }
}
