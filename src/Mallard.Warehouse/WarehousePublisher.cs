using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Mallard.Data;
using Mallard.DuckDb;
using Mallard.Warehouse.Internal;
using Npgsql;

namespace Mallard.Warehouse;

/// <summary>
/// Copies a built warehouse into a PostgreSQL database (or an engine that speaks its protocol), schema by schema: silver and
/// gold, and bronze when asked. Each schema is built whole under a staging name (<c>gold__mallard_new</c>) in one
/// transaction (tables with the warehouse's exact types, rows in bulk through binary COPY, primary keys, indexes, statistics
/// and, for gold, the money functions the notebooks call), and in the same transaction the published schema is dropped and
/// the new one renamed into its place. Readers see the old schema or the new one, never a mix; a publish that fails, is
/// cancelled or is killed leaves the published schema as it was.
/// </summary>
public static class WarehousePublisher
{
    /// <summary>What a schema is called while its new copy is built: <c>gold__mallard_new</c>.</summary>
    public const string StagingSuffix = "__mallard_new";

    /// <summary>How a published schema's comment starts: a schema without it was not made by a publish and is never replaced.</summary>
    public const string SchemaComment = "Published by mallard warehouse publish";

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Publishes the warehouse at <paramref name="warehousePath"/> into the database <paramref name="connectionString"/> (Npgsql's
    /// keywords) names. Throws <see cref="FileNotFoundException"/> or <see cref="WarehousePublishException"/> for a missing or
    /// foreign warehouse or a database whose schemas of those names were not published by Mallard, <see cref="ArgumentException"/>
    /// for a connection string Npgsql refuses, <see cref="NpgsqlException"/> when the server cannot be reached or refuses a
    /// statement, and <see cref="OperationCanceledException"/> when cancelled (the cancellation reaches the server).
    /// </summary>
    public static async Task<WarehousePublishResult> PublishAsync(
        string warehousePath,
        string connectionString,
        WarehousePublishOptions? options = null,
        IProgress<WarehousePublishProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(warehousePath);
        ArgumentNullException.ThrowIfNull(connectionString);
        options ??= new WarehousePublishOptions();
        var path = Path.GetFullPath(warehousePath);
        var settings = Settings(connectionString);
        if (!File.Exists(path))
            throw new FileNotFoundException($"There is no warehouse at {path}; build one with `mallard warehouse build`.", path);

        var stopwatch = Stopwatch.StartNew();
        using var database = DuckDbDatabase.Open(new DuckDbDatabaseOptions { Path = path, ReadOnly = true });
        using var duck = database.Connect();
        var models = Models(duck, path, options);
        var comment = SchemaComment + " from " + Describe(duck);

        await using var postgres = new NpgsqlConnection(settings);
        try
        {
            await postgres.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            var where = new NpgsqlConnectionStringBuilder(settings);
            throw new WarehousePublishException(
                $"Could not connect to PostgreSQL at {where.Host}:{where.Port} (database {where.Database ?? where.Username ?? "(default)"}, user {where.Username ?? "(default)"}): {e.Message.TrimEnd('.')}. Nothing was published.", e);
        }
        foreach (var schema in options.Schemas) await CheckReplaceableAsync(postgres, schema, cancellationToken).ConfigureAwait(false);

        var tables = new List<KeyValuePair<string, long>>();
        foreach (var schema in options.Schemas)
        {
            var run = new SchemaRun(duck, postgres, schema, progress, stopwatch, cancellationToken);
            await run.PublishAsync([.. models.Where(m => m.Schema == schema)], comment, tables).ConfigureAwait(false);
        }
        return new WarehousePublishResult(tables, stopwatch.Elapsed);
    }

    /// <summary>The connection string with Npgsql's checks, and no command timeout unless one was given (a COPY of millions of rows takes a while).</summary>
    private static string Settings(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            var cause = e.InnerException is { } inner ? $" ({inner.Message.TrimEnd('.')})" : "";
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {e.Message.TrimEnd('.')}{cause}.", e);
        }
        if (string.IsNullOrEmpty(builder.Host))
            throw new ArgumentException("The PostgreSQL connection string names no host: give Host=... (or a postgres://user@host/database URL).");
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("CommandTimeout", StringComparison.OrdinalIgnoreCase)))
            builder.CommandTimeout = 0;
        return builder.ConnectionString;
    }

    /// <summary>The models to publish, each checked to be a table of the warehouse file.</summary>
    private static List<WarehouseModel> Models(DuckDbConnection duck, string path, WarehousePublishOptions options)
    {
        var present = duck.Query("SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE'")
            .Rows.Select(r => r.Get<string>("name")).ToHashSet(StringComparer.Ordinal);
        if (!present.Contains("gold.gld_build_info"))
            throw new WarehousePublishException($"{path} is not a Mallard warehouse (it has no gold.gld_build_info table); `mallard warehouse build` makes one.");
        var models = WarehouseModels.Tables.Where(m => options.Schemas.Contains(m.Schema)).ToList();
        var missing = models.Where(m => !present.Contains(m.QualifiedName)).Select(m => m.QualifiedName).ToList();
        if (missing.Count > 0)
            throw new WarehousePublishException($"The warehouse {path} lacks {string.Join(", ", missing)}; build it again with `mallard warehouse build`.");
        return models;
    }

    /// <summary>Which build is published, for the schemas' comment: its as-of date, scale and seed.</summary>
    private static string Describe(DuckDbConnection duck)
    {
        var info = duck.Query("SELECT strftime(as_of, '%Y-%m-%d') AS as_of, scale, seed FROM gold.gld_build_info").Rows.First();
        return string.Create(CultureInfo.InvariantCulture, $"a warehouse as of {info.Get<string>("as_of")}, scale {info.Get<long>("scale")}, seed {info.Get<long>("seed")}.");
    }

    /// <summary>
    /// Refuses, before anything is copied, to replace a schema that a publish did not make, or one that views of other schemas
    /// depend on (dropping it would drop them).
    /// </summary>
    private static async Task CheckReplaceableAsync(NpgsqlConnection postgres, string schema, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = @schema", postgres))
        {
            command.Parameters.AddWithValue("schema", schema);
            var found = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (found is null) return;
            if (found is not string comment || !comment.StartsWith(SchemaComment, StringComparison.Ordinal))
            {
                throw new WarehousePublishException(
                    $"The database already has a schema \"{schema}\" that `mallard warehouse publish` did not make, so it was left as it is. " +
                    "Publish into another database, or drop or rename that schema first.");
            }
        }
        await using (var command = new NpgsqlCommand("""
            SELECT DISTINCT vn.nspname || '.' || v.relname
            FROM pg_depend d
            JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
            JOIN pg_class v ON v.oid = r.ev_class
            JOIN pg_namespace vn ON vn.oid = v.relnamespace
            JOIN pg_class t ON d.refclassid = 'pg_class'::regclass AND t.oid = d.refobjid
            JOIN pg_namespace tn ON tn.oid = t.relnamespace
            WHERE tn.nspname = @schema AND vn.nspname <> @schema
            ORDER BY 1
            """, postgres))
        {
            command.Parameters.AddWithValue("schema", schema);
            var dependents = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) dependents.Add(reader.GetString(0));
            }
            if (dependents.Count > 0)
            {
                throw new WarehousePublishException(
                    $"Views of other schemas read the published {schema} tables ({string.Join(", ", dependents)}); replacing {schema} would drop them, " +
                    "so nothing was published. Drop them first and make them again after the publish.");
            }
        }
    }

    /// <summary>The PostgreSQL twin of the gold money functions (Sql/postgres/money.sql).</summary>
    private static string MoneyFunctions()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Sql/postgres/money.sql")
            ?? throw new InvalidOperationException("The PostgreSQL money functions (Sql/postgres/money.sql) are not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A name quoted for PostgreSQL.</summary>
    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>One schema's publish: its staging copy, filled and swapped in, in one transaction.</summary>
    private sealed class SchemaRun(
        DuckDbConnection duck,
        NpgsqlConnection postgres,
        string schema,
        IProgress<WarehousePublishProgress>? progress,
        Stopwatch stopwatch,
        CancellationToken cancellationToken)
    {
        private readonly string _staging = Quote(schema + StagingSuffix);

        public async Task PublishAsync(IReadOnlyList<WarehouseModel> models, string comment, List<KeyValuePair<string, long>> tables)
        {
            Report(WarehousePublishStage.SchemaStarted, null, 0, 0);
            await using var transaction = await postgres.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // A staging schema left by an older publish, or by hand, goes first.
            await ExecuteAsync($"DROP SCHEMA IF EXISTS {_staging} CASCADE; CREATE SCHEMA {_staging}").ConfigureAwait(false);
            foreach (var model in models)
            {
                var rows = await CopyAsync(model).ConfigureAwait(false);
                tables.Add(KeyValuePair.Create(model.QualifiedName, rows));
            }
            if (schema == "gold")
            {
                // Created unqualified into the staging schema, which comes first on the path for the rest of the transaction.
                await ExecuteAsync($"SELECT set_config('search_path', '{_staging.Replace("'", "''", StringComparison.Ordinal)}', true); " + MoneyFunctions()).ConfigureAwait(false);
            }
            await ExecuteAsync($"COMMENT ON SCHEMA {_staging} IS '{comment.Replace("'", "''", StringComparison.Ordinal)}'").ConfigureAwait(false);
            Report(WarehousePublishStage.Replacing, null, 0, 0);
            // The swap waits for readers of the old schema to finish; then the old schema goes and the new one takes its name.
            await ExecuteAsync($"DROP SCHEMA IF EXISTS {Quote(schema)} CASCADE; ALTER SCHEMA {_staging} RENAME TO {Quote(schema)}").ConfigureAwait(false);
            // The commit is a round trip of its own: a publish killed before it never sent it, and the server rolls back.
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Report(WarehousePublishStage.SchemaPublished, null, 0, 0);
        }

        private async Task<long> CopyAsync(WarehouseModel model)
        {
            var total = Convert.ToInt64(duck.Query($"SELECT count(*) FROM {model.QualifiedName}", cancellationToken)[0].GetValue(0), CultureInfo.InvariantCulture);
            using var reader = duck.QueryStreaming($"SELECT * FROM {model.QualifiedName}", cancellationToken);
            var columns = reader.Schema.Columns.Select(c => PostgresColumn.For(model.QualifiedName, c)).ToList();
            var table = _staging + "." + Quote(model.Name);
            var key = model.Key.ToHashSet(StringComparer.Ordinal);
            var definitions = columns.Select(c => Quote(c.Name) + " " + c.TypeName + (key.Contains(c.Name) ? " NOT NULL" : ""));
            await ExecuteAsync($"CREATE TABLE {table} ({string.Join(", ", definitions)})").ConfigureAwait(false);

            Report(WarehousePublishStage.CopyStarted, model.Name, 0, total);
            long rows = 0;
            var lastReport = stopwatch.Elapsed;
            var copy = $"COPY {table} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
            await using (var importer = await postgres.BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false))
            {
                foreach (var chunk in reader.ReadChunks(cancellationToken))
                {
                    var writers = columns.Select((c, i) => c.Writer(chunk.Columns[i])).ToArray();
                    for (var row = 0; row < chunk.RowCount; row++)
                    {
                        await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                        foreach (var write in writers) write(importer, row);
                    }
                    rows += chunk.RowCount;
                    if (stopwatch.Elapsed - lastReport >= ProgressInterval)
                    {
                        lastReport = stopwatch.Elapsed;
                        Report(WarehousePublishStage.Copying, model.Name, rows, total);
                    }
                }
                await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            if (model.Key.Count > 0)
                await ExecuteAsync($"ALTER TABLE {table} ADD PRIMARY KEY ({string.Join(", ", model.Key.Select(Quote))})").ConfigureAwait(false);
            foreach (var column in model.Indexed)
                await ExecuteAsync($"CREATE INDEX {Quote(model.Name + "_" + column)} ON {table} ({Quote(column)})").ConfigureAwait(false);
            await ExecuteAsync($"ANALYZE {table}").ConfigureAwait(false);
            Report(WarehousePublishStage.TableFinished, model.Name, rows, total);
            return rows;
        }

        private async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, postgres);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        private void Report(WarehousePublishStage stage, string? table, long rows, long total) =>
            progress?.Report(new WarehousePublishProgress(stage, schema, table, rows, total, stopwatch.Elapsed));
    }
}
