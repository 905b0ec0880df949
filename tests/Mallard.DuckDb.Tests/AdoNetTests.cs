using System.Data;
using System.Data.Common;

namespace Mallard.DuckDb.Tests;

/// <summary>The ADO.NET facade, used through the provider-agnostic DbConnection/DbCommand base types where it can be.</summary>
public sealed class AdoNetTests : IDisposable
{
    private readonly DbConnection _connection = new DuckDbConnection("Data Source=:memory:");

    public AdoNetTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    private DbCommand Command(string sql, params object?[] positional)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var value in positional)
        {
            var parameter = command.CreateParameter();
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    [Fact]
    public void A_connection_string_sets_the_data_source_threads_memory_limit_and_any_DuckDB_option()
    {
        using var connection = new DuckDbConnection("Data Source=:memory:;Threads=1;Memory Limit=300MB;default_order=DESC");
        connection.Open();

        var frame = connection.Query("SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS memory, current_setting('default_order') AS ord");

        Assert.Equal(ConnectionState.Open, connection.State);
        Assert.Equal(":memory:", connection.DataSource);
        Assert.Equal(1L, Convert.ToInt64(frame["threads"].GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("286", (string)frame["memory"].GetValue(0)!, StringComparison.Ordinal);
        Assert.Equal("desc", ((string)frame["ord"].GetValue(0)!).ToLowerInvariant());
    }

    [Fact]
    public void A_read_only_connection_string_opens_an_existing_file_for_reading_only()
    {
        using var file = new TemporaryDatabaseFile();
        using (var writer = new DuckDbConnection($"Data Source={file.Path}"))
        {
            writer.Open();
            writer.Execute("CREATE TABLE t AS SELECT 1 AS x");
        }

        using var reader = new DuckDbConnection($"Data Source={file.Path};Read Only=true");
        reader.Open();

        Assert.Equal(file.Path, reader.DataSource);
        Assert.Equal(1, reader.Query("SELECT x FROM t")["x"].GetValue(0));
        Assert.Throws<DuckDbException>(() => reader.Execute("INSERT INTO t VALUES (2)"));
    }

    [Fact]
    public void A_read_only_connection_string_for_a_missing_file_fails_to_open_with_NotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mallard-missing-{Guid.NewGuid():N}.duckdb");
        using var connection = new DuckDbConnection($"Data Source={path};Read Only=true");

        var error = Assert.Throws<DuckDbOpenException>(connection.Open);

        Assert.Equal(DuckDbOpenFailure.NotFound, error.Failure);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public void The_connection_string_builder_maps_keys_to_options()
    {
        var builder = new DuckDbConnectionStringBuilder { ConnectionString = "DataSource=x.duckdb;ReadOnly=True;Threads=3;Memory Limit=1GB;preserve_insertion_order=false" };

        var options = builder.ToOptions();

        Assert.Equal("x.duckdb", options.Path);
        Assert.True(options.ReadOnly);
        Assert.Equal(3, options.Threads);
        Assert.Equal("1GB", options.MemoryLimit);
        Assert.Equal("false", options.Settings["preserve_insertion_order"]);
        Assert.Throws<ArgumentException>(() => new DuckDbConnectionStringBuilder { ConnectionString = "Threads=many" }.ToOptions());
    }

    [Fact]
    public void ExecuteScalar_returns_the_first_value_DBNull_for_NULL_and_null_for_no_rows()
    {
        using var value = Command("SELECT 42::BIGINT, 'ignored'");
        using var nullValue = Command("SELECT NULL::INTEGER");
        using var noRows = Command("SELECT 1 WHERE false");

        Assert.Equal(42L, value.ExecuteScalar());
        Assert.Equal(DBNull.Value, nullValue.ExecuteScalar());
        Assert.Null(noRows.ExecuteScalar());
    }

    [Fact]
    public void ExecuteNonQuery_returns_rows_changed_and_minus_one_for_other_statements()
    {
        using var create = Command("CREATE TEMP TABLE counted(x INTEGER)");
        using var insert = Command("INSERT INTO counted SELECT * FROM range(5)");
        using var update = Command("UPDATE counted SET x = x + 1 WHERE x >= 3");
        using var delete = Command("DELETE FROM counted");

        Assert.Equal(-1, create.ExecuteNonQuery());
        Assert.Equal(5, insert.ExecuteNonQuery());
        Assert.Equal(2, update.ExecuteNonQuery());
        Assert.Equal(5, delete.ExecuteNonQuery());
    }

    [Fact]
    public void A_reader_reads_every_row_across_chunks_with_typed_getters()
    {
        using var command = Command("SELECT i, 'row ' || i AS label, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 1.5 END AS maybe, DATE '2000-01-01' + i::INTEGER AS day FROM range(5000) t(i) ORDER BY i");
        using var reader = command.ExecuteReader();

        Assert.Equal(4, reader.FieldCount);
        Assert.Equal("label", reader.GetName(1));
        Assert.Equal(2, reader.GetOrdinal("maybe"));
        Assert.Equal(typeof(long), reader.GetFieldType(0));
        Assert.True(reader.HasRows);
        var rows = 0;
        while (reader.Read())
        {
            Assert.Equal(rows, reader.GetInt64(0));
            Assert.Equal(rows, reader.GetFieldValue<long>(0));
            Assert.Equal(rows, reader.GetInt32(0));
            Assert.Equal("row " + rows, reader.GetString(1));
            Assert.Equal("row " + rows, reader["label"]);
            Assert.Equal(rows % 3 == 0, reader.IsDBNull(2));
            if (rows % 3 == 0)
            {
                Assert.Equal(DBNull.Value, reader.GetValue(2));
                Assert.Null(reader.GetFieldValue<decimal?>(2));
            }
            else
            {
                Assert.Equal(rows * 1.5m, reader.GetDecimal(2));
                Assert.Equal(rows * 1.5m, reader.GetFieldValue<decimal?>(2));
            }
            Assert.Equal(new DateOnly(2000, 1, 1).AddDays(rows), reader.GetFieldValue<DateOnly>(3));
            rows++;
        }
        Assert.Equal(5000, rows);
        Assert.False(reader.Read());
    }

    [Fact]
    public void Reading_a_NULL_as_a_value_type_is_an_InvalidCastException()
    {
        using var command = Command("SELECT NULL::INTEGER AS n");
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());

        var error = Assert.Throws<InvalidCastException>(() => reader.GetInt32(0));

        Assert.Contains("NULL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_table_describes_each_column()
    {
        using var command = Command("SELECT 1::BIGINT AS id, 'x' AS name, 1.25::DECIMAL(9,2) AS price");
        using var reader = command.ExecuteReader();

        var schema = Assert.IsType<DataTable>(reader.GetSchemaTable());

        Assert.Equal(3, schema.Rows.Count);
        Assert.Equal("id", schema.Rows[0][SchemaTableColumn.ColumnName]);
        Assert.Equal(0, schema.Rows[0][SchemaTableColumn.ColumnOrdinal]);
        Assert.Equal(typeof(long), schema.Rows[0][SchemaTableColumn.DataType]);
        Assert.Equal(typeof(string), schema.Rows[1][SchemaTableColumn.DataType]);
        Assert.Equal(typeof(decimal), schema.Rows[2][SchemaTableColumn.DataType]);
        Assert.Equal(9, schema.Rows[2][SchemaTableColumn.NumericPrecision]);
        Assert.Equal(2, schema.Rows[2][SchemaTableColumn.NumericScale]);
    }

    [Fact]
    public void Positional_parameters_bind_in_order()
    {
        using var command = Command("SELECT ? || ?::VARCHAR AS v", "answer: ", 42);

        Assert.Equal("answer: 42", command.ExecuteScalar());
    }

    [Fact]
    public void Named_parameters_bind_by_name_in_any_order()
    {
        using var command = (DuckDbCommand)_connection.CreateCommand();
        command.CommandText = "SELECT $greeting || ', ' || $name AS v";
        command.Parameters.Add(new DuckDbParameter("$name", "world"));
        command.Parameters.AddWithValue("greeting", "hello");

        Assert.Equal("hello, world", command.ExecuteScalar());

        command.Parameters["name"].Value = "DuckDB";
        Assert.Equal("hello, DuckDB", command.ExecuteScalar());
    }

    [Fact]
    public void A_committed_transaction_keeps_its_changes_and_a_rolled_back_one_does_not()
    {
        using (var create = Command("CREATE TEMP TABLE ledger(x INTEGER)")) create.ExecuteNonQuery();

        using (var rolledBack = _connection.BeginTransaction())
        {
            using var insert = Command("INSERT INTO ledger VALUES (1)");
            insert.ExecuteNonQuery();
            rolledBack.Rollback();
        }
        using (var committed = _connection.BeginTransaction())
        {
            using var insert = Command("INSERT INTO ledger VALUES (2)");
            insert.ExecuteNonQuery();
            committed.Commit();
        }
        using (var abandoned = _connection.BeginTransaction())
        {
            using var insert = Command("INSERT INTO ledger VALUES (3)");
            insert.ExecuteNonQuery();
        }

        using var sum = Command("SELECT sum(x)::BIGINT FROM ledger");
        Assert.Equal(2L, sum.ExecuteScalar());
    }

    [Fact]
    public void Ending_a_transaction_twice_is_an_InvalidOperationException()
    {
        using var transaction = _connection.BeginTransaction();
        transaction.Commit();

        Assert.Throws<InvalidOperationException>(transaction.Rollback);
    }

    [Fact]
    public void CloseConnection_behaviour_closes_the_connection_with_the_reader()
    {
        using var connection = new DuckDbConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";

        using (var reader = command.ExecuteReader(CommandBehavior.CloseConnection))
            Assert.True(reader.Read());

        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public void A_command_on_a_closed_connection_is_refused()
    {
        using var connection = new DuckDbConnection("Data Source=:memory:");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";

        Assert.Throws<InvalidOperationException>(() => command.ExecuteScalar());
    }
}
