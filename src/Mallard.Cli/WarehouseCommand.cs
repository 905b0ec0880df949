using System.CommandLine;
using System.Globalization;
using Mallard.DuckDb;
using Mallard.Warehouse;

namespace Mallard.Cli;

/// <summary><c>mallard warehouse build</c>, <c>check</c> and <c>publish</c>: the gold customer warehouse.</summary>
internal static class WarehouseCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var command = new Command("warehouse", "Build, check and publish the gold customer warehouse.");
        command.Subcommands.Add(CreateBuild());
        command.Subcommands.Add(CreateCheck());
        command.Subcommands.Add(CreatePublish());
        return command;
    }

    private static Command CreateBuild()
    {
        var scale = new Option<long>("--scale")
        {
            Description = "Customers to generate (about ten orders each).",
            DefaultValueFactory = _ => WarehouseBuildOptions.DefaultScale,
        };
        var seed = new Option<long>("--seed")
        {
            Description = "The generator's seed: the same scale and seed give the same warehouse.",
            DefaultValueFactory = _ => WarehouseBuildOptions.DefaultSeed,
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description = $"The date recency is measured from, as yyyy-MM-dd; facts after it are left out (default {WarehouseBuildOptions.DefaultAsOf:yyyy-MM-dd}).",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The warehouse file to build (default: warehouse/mallard.duckdb in the repository, or in the user's data directory).",
        };
        var threads = new Option<int?>("--threads") { Description = "DuckDB worker threads (default: one per core). The result does not depend on it." };
        var memoryLimit = new Option<string?>("--memory-limit") { Description = "DuckDB's memory limit for the build, for example 4GB." };
        var command = new Command("build", "Generate the raw data, build the bronze, silver and gold layers, check them, and replace the warehouse only if every check passes.")
        {
            scale, seed, asOf, output, threads, memoryLimit,
        };
        command.SetAction(result =>
        {
            // A folder of --output that does not exist is made, and said, so a typo does not make folders unnoticed.
            if (result.GetValue(output) is { } given && Path.GetDirectoryName(Path.GetFullPath(given)) is { } folder && !Directory.Exists(folder))
            {
                try
                {
                    Directory.CreateDirectory(folder);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"mallard warehouse build: cannot create the folder {folder}: {e.Message}");
                    return 1;
                }
                Console.Out.WriteLine($"Created the folder {folder}.");
            }
            return Build(
                result.GetValue(scale),
                result.GetValue(seed),
                result.GetValue(asOf),
                result.GetValue(output),
                result.GetValue(threads),
                result.GetValue(memoryLimit));
        });
        return command;
    }

    private static Command CreateCheck()
    {
        var path = new Argument<string?>("path")
        {
            Description = "The warehouse file (default: the one `mallard warehouse build` writes).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("check", "Run the quality checks against a built warehouse and report any offending rows.") { path };
        command.SetAction(result => Check(result.GetValue(path)));
        return command;
    }

    private static Command CreatePublish()
    {
        var postgres = new Option<string>("--postgres")
        {
            Description = "The PostgreSQL database to publish into: Npgsql's keywords (\"Host=...;Database=...;Username=...\") or a postgres://user:password@host:port/database URL.",
            Required = true,
        };
        var bronze = new Option<bool>("--bronze") { Description = "Publish the bronze schema (raw data, duplicates included) too." };
        var warehouse = new Option<string?>("--warehouse")
        {
            Description = "The warehouse file to publish (default: the one `mallard warehouse build` writes).",
        };
        var command = new Command("publish",
            "Copy the warehouse's silver and gold schemas (and bronze with --bronze) into a PostgreSQL database, each replaced whole and at once; " +
            "a publish that fails or is interrupted leaves the published schemas as they were.")
        {
            postgres, bronze, warehouse,
        };
        command.SetAction(result => PublishCommand.Run(result.GetValue(postgres)!, result.GetValue(bronze), result.GetValue(warehouse)));
        return command;
    }

    internal static int Build(long scale, long seed, string? asOfText, string? output, int? threads, string? memoryLimit)
    {
        var asOf = WarehouseBuildOptions.DefaultAsOf;
        if (asOfText is not null && !DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out asOf))
        {
            Console.Error.WriteLine($"mallard warehouse build: --as-of takes a date as yyyy-MM-dd, not '{asOfText}'.");
            return 2;
        }
        var options = new WarehouseBuildOptions { Scale = scale, Seed = seed, AsOf = asOf, Threads = threads, MemoryLimit = memoryLimit };
        var path = Path.GetFullPath(output ?? WarehouseLocation.DefaultPath());
        // What a failed build leaves: the warehouse that was there, or nothing at all.
        var kept = File.Exists(path) ? "the previous warehouse was kept" : $"nothing was written at {path}";
        // The first Ctrl-C stops the build; the previous warehouse stays as it was.
        using var cancellation = new CtrlC();
        try
        {
            options.Validate();
            Console.Out.WriteLine(string.Create(Invariant,
                $"Building {path}: {scale:N0} customers, seed {seed}, as of {asOf:yyyy-MM-dd}"));
            var result = WarehouseBuilder.Build(path, options, new ConsoleProgress(Console.Out), cancellation.Token);
            PrintSummary(Console.Out, result);
            return 0;
        }
        catch (WarehouseCheckException e)
        {
            Console.Error.WriteLine($"The new warehouse failed its quality checks; {kept}.");
            Console.Error.Write(e.Report.ToString());
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"Interrupted; {kept}.");
            return 130;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"mallard warehouse build: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is DuckDbException or DuckDbLibraryException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(char.ToUpperInvariant(kept[0]) + kept[1..] + ".");
            return 1;
        }
    }

    private static int Check(string? pathArgument)
    {
        var path = Path.GetFullPath(pathArgument ?? WarehouseLocation.DefaultPath());
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"mallard warehouse check: there is no warehouse at {path}; build one with `mallard warehouse build`.");
            return 2;
        }
        try
        {
            using var database = DuckDbDatabase.Open(new DuckDbDatabaseOptions { Path = path, ReadOnly = true });
            using var connection = database.Connect();
            if (Convert.ToInt64(connection.Query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'gold' AND table_name = 'gld_build_info'")[0].GetValue(0), Invariant) == 0)
            {
                Console.Error.WriteLine($"mallard warehouse check: {path} is not a Mallard warehouse (it has no gold.gld_build_info table); `mallard warehouse build` makes one.");
                return 2;
            }
            var report = WarehouseChecks.Run(connection);
            (report.Passed ? Console.Out : Console.Error).Write(report.ToString());
            return report.Passed ? 0 : 1;
        }
        catch (Exception e) when (e is DuckDbException or DuckDbLibraryException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private static void PrintSummary(TextWriter output, WarehouseBuildResult result)
    {
        var tables = result.Models.Where(m => m.Rows is not null).ToArray();
        var generation = result.GenerationElapsed.TotalSeconds;
        var total = result.Elapsed.TotalSeconds;
        output.WriteLine();
        output.WriteLine($"{"table",-36} {"rows",14} {"seconds",8}");
        foreach (var run in tables)
            output.WriteLine(string.Create(Invariant, $"{run.Model.QualifiedName,-36} {run.Rows,14:N0} {run.Elapsed.TotalSeconds,8:F2}"));
        output.WriteLine();
        output.WriteLine(string.Create(Invariant,
            $"Built {result.Path} in {total:F1} s: {tables.Length} tables, {result.RowsWritten:N0} rows ({result.RowsWritten / Math.Max(total, 1e-3):N0} rows/s)."));
        output.WriteLine(string.Create(Invariant,
            $"Generating the bronze layer took {generation:F1} s; the whole build took {total / Math.Max(generation, 1e-3):F1}x that. {result.Checks.Results.Count} quality checks passed."));
    }

    /// <summary>Writes a line per finished step, on the building thread, in order.</summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<WarehouseProgress>
    {
        public void Report(WarehouseProgress value)
        {
            if (!value.Finished) return;
            var width = value.Steps.ToString(Invariant).Length;
            var step = value.Step.ToString(Invariant).PadLeft(width);
            var name = value.Layer switch
            {
                WarehouseLayer.Generator => "generator " + value.Name,
                WarehouseLayer.Checks => value.Name,
                _ => value.Layer.ToString().ToLowerInvariant() + "." + value.Name,
            };
            var rows = value.Rows switch
            {
                null => "",
                var n when value.Layer == WarehouseLayer.Checks => $"{n} checks",
                var n => string.Create(Invariant, $"{n:N0} rows"),
            };
            output.WriteLine(string.Create(Invariant, $"[{step}/{value.Steps}] {name,-36} {rows,16} {value.Elapsed.TotalSeconds,7:F2} s"));
        }
    }
}
