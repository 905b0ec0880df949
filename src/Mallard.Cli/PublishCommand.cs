using System.Globalization;
using Mallard.Connectors.Postgres;
using Mallard.DuckDb;
using Mallard.Warehouse;
using Npgsql;

namespace Mallard.Cli;

/// <summary>
/// <c>mallard warehouse publish --postgres CONNECTION</c>: the built warehouse into PostgreSQL, a line per table copied, and
/// Ctrl-C to stop (the schema being published stays as it was).
/// </summary>
internal static class PublishCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(string connection, bool includeBronze, string? warehouse)
    {
        var path = Path.GetFullPath(warehouse ?? WarehouseLocation.DefaultPath());
        string settings;
        try
        {
            settings = PostgresConnectionString.ToNpgsql(connection);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"mallard warehouse publish: {e.Message}");
            return 2;
        }
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"mallard warehouse publish: there is no warehouse at {path}; build one with `mallard warehouse build` (or give --warehouse FILE).");
            return 2;
        }

        var options = new WarehousePublishOptions { IncludeBronze = includeBronze };
        var progress = new ConsoleProgress(Console.Out);
        // The first Ctrl-C stops the publish: the server rolls the schema being published back.
        using var cancellation = new CtrlC();
        try
        {
            Console.Out.WriteLine($"Publishing {path} ({string.Join(", ", options.Schemas)}) to PostgreSQL: {Describe(settings)}");
            var result = WarehousePublisher.PublishAsync(path, settings, options, progress, cancellation.Token).GetAwaiter().GetResult();
            Console.Out.WriteLine(string.Create(Invariant,
                $"Published {result.Tables.Count} tables, {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:F1} s ({result.Rows / Math.Max(result.Elapsed.TotalSeconds, 1e-3):N0} rows/s)."));
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"Interrupted; {progress.Kept()}.");
            return 130;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"mallard warehouse publish: {e.Message}");
            return 2;
        }
        catch (WarehousePublishException e)
        {
            Console.Error.WriteLine($"mallard warehouse publish: {e.Message}");
            return 1;
        }
        catch (PostgresException e)
        {
            Console.Error.WriteLine($"PostgreSQL refused the publish: {e.MessageText} ({e.SqlState}){(e.Detail is { Length: > 0 } d ? ": " + d : "")}.");
            Console.Error.WriteLine(char.ToUpperInvariant(progress.Kept()[0]) + progress.Kept()[1..] + ".");
            return 1;
        }
        catch (Exception e) when (e is NpgsqlException or DuckDbException or DuckDbLibraryException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(char.ToUpperInvariant(progress.Kept()[0]) + progress.Kept()[1..] + ".");
            return 1;
        }
    }

    /// <summary>Where the publish goes, without the password: host, port, database and user.</summary>
    private static string Describe(string settings)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(settings);
        }
        catch (ArgumentException)
        {
            // The publish says what is wrong with it.
            return "(a connection string Npgsql refuses)";
        }
        return string.Create(Invariant, $"{builder.Host}:{builder.Port}, database {builder.Database ?? "(the user's)"}, user {builder.Username ?? "(the login's)"}");
    }

    /// <summary>Writes a line per schema step and per table (when its copy starts, about every second of a long one, and when it is done).</summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<WarehousePublishProgress>
    {
        private readonly List<string> _published = [];
        private string? _current;
        private TimeSpan _tableStarted;

        /// <summary>What a publish that stopped now leaves: the schemas already replaced, and the one in hand kept as it was.</summary>
        public string Kept()
        {
            var kept = _current is null ? "nothing published was changed" : $"the published {_current} schema was kept as it was";
            return _published.Count == 0 ? kept : $"{string.Join(" and ", _published)} {(_published.Count == 1 ? "was" : "were")} published; {kept}";
        }

        public void Report(WarehousePublishProgress value)
        {
            var table = value.Schema + "." + value.Table;
            switch (value.Stage)
            {
                case WarehousePublishStage.SchemaStarted:
                    _current = value.Schema;
                    output.WriteLine($"{value.Schema}: building a new copy in {value.Schema}{WarehousePublisher.StagingSuffix}");
                    break;
                case WarehousePublishStage.CopyStarted:
                    _tableStarted = value.Elapsed;
                    output.WriteLine(string.Create(Invariant, $"  copying {table} ({value.TotalRows:N0} rows)"));
                    break;
                case WarehousePublishStage.Copying:
                    output.WriteLine(string.Create(Invariant,
                        $"  copying {table}: {value.Rows:N0} of {value.TotalRows:N0} rows ({100.0 * value.Rows / Math.Max(value.TotalRows, 1):F0}%)"));
                    break;
                case WarehousePublishStage.TableFinished:
                    output.WriteLine(string.Create(Invariant, $"  {table,-38} {value.Rows,14:N0} rows {(value.Elapsed - _tableStarted).TotalSeconds,8:F2} s"));
                    break;
                case WarehousePublishStage.Replacing:
                    output.WriteLine($"{value.Schema}: replacing the published schema (waits for its readers to finish)");
                    break;
                case WarehousePublishStage.SchemaPublished:
                    _published.Add(value.Schema);
                    _current = null;
                    output.WriteLine(string.Create(Invariant, $"{value.Schema}: published ({value.Elapsed.TotalSeconds:F2} s)"));
                    break;
            }
        }
    }
}
