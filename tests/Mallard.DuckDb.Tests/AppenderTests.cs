using System.Data.SqlTypes;
using Mallard.Data;

namespace Mallard.DuckDb.Tests;

/// <summary>Bulk loading with the appender.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AppenderTests : IDisposable
{
    private const string EveryType = """
        b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INTEGER, i64 BIGINT, u8 UTINYINT, u16 USMALLINT, u32 UINTEGER, u64 UBIGINT,
        h HUGEINT, uh UHUGEINT, f FLOAT, d DOUBLE, dec DECIMAL(18,4), wide DECIMAL(38,0), s VARCHAR, bl BLOB, dt DATE, t TIME,
        ts TIMESTAMP, tz TIMESTAMPTZ, iv INTERVAL, u UUID
        """;

    private static readonly object?[][] Rows =
    [
        [true, sbyte.MinValue, short.MinValue, int.MinValue, long.MinValue, byte.MinValue, ushort.MinValue, uint.MinValue, ulong.MinValue,
            Int128.MinValue, UInt128.MinValue, float.NegativeInfinity, double.NaN, -99999999999999.9999m, SqlDecimal.Parse("-99999999999999999999999999999999999999"),
            "", Array.Empty<byte>(), new DateOnly(1, 1, 1), TimeOnly.MinValue, new DateTime(1969, 7, 20, 20, 17, 40),
            new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero), new Interval(-1, -2, -3), Guid.Empty],
        [false, sbyte.MaxValue, short.MaxValue, int.MaxValue, long.MaxValue, byte.MaxValue, ushort.MaxValue, uint.MaxValue, ulong.MaxValue,
            Int128.MaxValue, UInt128.MaxValue, float.MaxValue, double.MaxValue, 99999999999999.9999m, SqlDecimal.Parse("99999999999999999999999999999999999999"),
            "a string longer than twelve bytes 🦆", new byte[] { 0, 1, 2, 0 }, new DateOnly(9999, 12, 31), new TimeOnly(23, 59, 59), new DateTime(2024, 2, 29, 12, 0, 0, 123),
            new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)).ToUniversalTime(), new Interval(14, 3, 1_000_000), Guid.Parse("80000000-1234-5678-9abc-def012345678")],
        [.. Enumerable.Repeat<object?>(null, 23)],
    ];

    private readonly DuckDbConnection _connection;

    public AppenderTests(DatabaseFixture fixture) => _connection = fixture.Connect();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Rows_of_every_simple_type_read_back_unchanged()
    {
        _connection.Execute($"CREATE OR REPLACE TEMP TABLE appended({EveryType})");

        using (var appender = _connection.CreateAppender("appended"))
        {
            Assert.Equal(23, appender.ColumnCount);
            foreach (var row in Rows) appender.AppendRow(row);
        }

        var frame = _connection.Query("SELECT * FROM appended ORDER BY i8 NULLS LAST");
        Assert.Equal(Rows.Length, frame.RowCount);
        for (var r = 0; r < Rows.Length; r++)
            for (var c = 0; c < frame.ColumnCount; c++)
                Values.AssertDeepEqual(Rows[r][c], frame[c].GetValue(r), $"{frame[c].Name} row {r}");
    }

    [Fact]
    public void A_frame_appended_to_a_table_of_the_same_shape_reads_back_equal()
    {
        _connection.Execute($"CREATE OR REPLACE TEMP TABLE frame_source({EveryType}); CREATE OR REPLACE TEMP TABLE frame_copy({EveryType})");
        using (var appender = _connection.CreateAppender("frame_source"))
            foreach (var row in Rows) appender.AppendRow(row);
        var source = _connection.Query("SELECT * FROM frame_source ORDER BY i8 NULLS LAST");

        using (var appender = _connection.CreateAppender("frame_copy"))
            appender.AppendFrame(source);

        var copy = _connection.Query("SELECT * FROM frame_copy ORDER BY i8 NULLS LAST");
        Assert.Equal(source.RowCount, copy.RowCount);
        for (var c = 0; c < source.ColumnCount; c++)
            for (var r = 0; r < source.RowCount; r++)
                Values.AssertDeepEqual(source[c].GetValue(r), copy[c].GetValue(r), $"{source[c].Name} row {r}");
    }

    [Fact]
    public void Many_rows_append_and_count()
    {
        _connection.Execute("CREATE OR REPLACE TEMP TABLE many(i INTEGER, s VARCHAR)");

        using (var appender = _connection.CreateAppender("many"))
            for (var i = 0; i < 10_000; i++) appender.Append(i).Append(i % 5 == 0 ? null : "row " + i).EndRow();

        var frame = _connection.Query("SELECT count(*) AS n, count(s) AS s, sum(i)::BIGINT AS total FROM many");
        Assert.Equal(10_000L, frame["n"].GetValue(0));
        Assert.Equal(8_000L, frame["s"].GetValue(0));
        Assert.Equal(9_999L * 10_000 / 2, frame["total"].GetValue(0));
    }

    [Fact]
    public void A_constraint_violation_surfaces_at_close_as_a_constraint_error()
    {
        _connection.Execute("CREATE OR REPLACE TABLE keyed_append(id INTEGER PRIMARY KEY)");
        var appender = _connection.CreateAppender("keyed_append");
        appender.AppendRow(1);
        appender.AppendRow(1);

        var error = Assert.Throws<DuckDbException>(appender.Close);

        Assert.Equal(DuckDbErrorType.Constraint, error.ErrorType);
        Assert.Contains("keyed_append", error.Message, StringComparison.Ordinal);
        appender.Dispose();
        Assert.Equal(0L, _connection.Query("SELECT count(*) AS n FROM keyed_append")["n"].GetValue(0));
    }

    [Fact]
    public void A_constraint_violation_surfaces_at_flush_and_dispose_does_not_throw_it_again()
    {
        _connection.Execute("CREATE OR REPLACE TABLE keyed_flush(id INTEGER PRIMARY KEY); INSERT INTO keyed_flush VALUES (7)");

        var error = Assert.Throws<DuckDbException>(() =>
        {
            using var appender = _connection.CreateAppender("keyed_flush");
            appender.AppendRow(7);
            appender.Flush();
        });

        Assert.Equal(DuckDbErrorType.Constraint, error.ErrorType);
        Assert.StartsWith("Flushing rows into keyed_flush failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _connection.Query("SELECT 1 AS v")["v"].GetValue(0));
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_values_is_refused_with_both_counts()
    {
        _connection.Execute("CREATE OR REPLACE TEMP TABLE three(a INTEGER, b INTEGER, c INTEGER)");
        using var appender = _connection.CreateAppender("three");

        var tooFew = Assert.Throws<ArgumentException>(() => appender.AppendRow(1, 2));
        var frame = Assert.Throws<ArgumentException>(() => appender.AppendFrame(_connection.Query("SELECT 1 AS a")));

        Assert.Contains("3 columns", tooFew.Message, StringComparison.Ordinal);
        Assert.Contains("2 values", tooFew.Message, StringComparison.Ordinal);
        Assert.Contains("1", frame.Message, StringComparison.Ordinal);
        appender.AppendRow(1, 2, 3);
    }

    [Fact]
    public void Ending_a_row_early_is_a_DuckDB_error_and_dispose_stays_quiet()
    {
        _connection.Execute("CREATE OR REPLACE TEMP TABLE pair(a INTEGER, b INTEGER)");

        var error = Assert.Throws<DuckDbException>(() =>
        {
            using var appender = _connection.CreateAppender("pair");
            appender.Append(1);
            appender.EndRow();
        });

        Assert.Contains("pair", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_does_not_convert_is_reported_and_the_connection_works_after()
    {
        _connection.Execute("CREATE OR REPLACE TEMP TABLE numbers(n INTEGER)");

        var error = Assert.Throws<DuckDbException>(() =>
        {
            using var appender = _connection.CreateAppender("numbers");
            appender.Append("not a number");
        });

        Assert.Contains("not a number", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, _connection.Query("SELECT count(*) AS n FROM numbers")["n"].GetValue(0));
    }

    [Fact]
    public void An_appender_for_a_missing_table_is_a_catalog_error()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.CreateAppender("no_such_table_to_append"));

        Assert.Contains("no_such_table_to_append", error.Message, StringComparison.Ordinal);
    }
}
