using System.Globalization;
using Mallard.Data;
using Mallard.DuckDb.Reading;

namespace Mallard.DuckDb.Tests;

/// <summary>
/// Large results of fixed-width and text columns, read on two threads from both ends (<see cref="RangeCopy"/>): every value
/// checked, wherever the two threads meet.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class RangeCopyTests : IDisposable
{
    private readonly DuckDbConnection _connection;

    public RangeCopyTests(DatabaseFixture fixture) => _connection = fixture.Connect();

    public void Dispose() => _connection.Dispose();

    /// <summary>Every kind of flat column: fixed-width, widened (DECIMAL(9,2), UUID), inlined and longer text, BLOB.</summary>
    private static string Sql(int rows, Nulls nulls)
    {
        var when = NullRows.When(nulls);
        return $$"""
            SELECT i,
                CASE WHEN {{when}} THEN NULL ELSE (i * 7)::INTEGER END AS n,
                CASE WHEN {{when}} THEN NULL ELSE (i % 100)::TINYINT END AS tiny,
                CASE WHEN {{when}} THEN NULL ELSE i % 2 = 0 END AS even,
                CASE WHEN {{when}} THEN NULL ELSE i / 4 END AS quarter,
                CASE WHEN {{when}} THEN NULL ELSE (i % 100000)::DECIMAL(9,2) / 100 END AS small_money,
                CASE WHEN {{when}} THEN NULL ELSE i::DECIMAL(18,2) / 100 END AS money,
                CASE WHEN {{when}} THEN NULL ELSE i::DECIMAL(38,2) / 100 END AS big_money,
                CASE WHEN {{when}} THEN NULL ELSE DATE '2000-01-01' + (i % 10000)::INTEGER END AS day,
                CASE WHEN {{when}} THEN NULL ELSE 'v' || i END AS short_text,
                CASE WHEN {{when}} THEN NULL ELSE repeat('x', (i % 40)::INTEGER) || i END AS text,
                CASE WHEN {{when}} THEN NULL ELSE ('b' || i)::BLOB END AS bytes,
                CASE WHEN {{when}} THEN NULL ELSE ('00000000-0000-0000-0000-' || lpad(i::VARCHAR, 12, '0'))::UUID END AS id
            FROM range({{rows}}) t(i)
            ORDER BY i
            """;
    }

    private static void AssertRows(Frame frame, int rows, Nulls nulls)
    {
        NullRows.AssertEachRow(frame, rows, nulls, row =>
        {
            Assert.Equal(row * 7, frame["n"].GetValue(row));
            Assert.Equal((sbyte)(row % 100), frame["tiny"].GetValue(row));
            Assert.Equal(row % 2 == 0, frame["even"].GetValue(row));
            Assert.Equal(row / 4.0, frame["quarter"].GetValue(row));
            Assert.Equal(row % 100000 / 100m, Convert.ToDecimal(frame["small_money"].GetValue(row), CultureInfo.InvariantCulture));
            Assert.Equal(row / 100m, Convert.ToDecimal(frame["money"].GetValue(row), CultureInfo.InvariantCulture));
            Assert.Equal(row / 100m, Convert.ToDecimal(frame["big_money"].GetValue(row), CultureInfo.InvariantCulture));
            Assert.Equal(new DateOnly(2000, 1, 1).AddDays(row % 10000), frame["day"].GetValue(row));
            Assert.Equal("v" + row, frame["short_text"].GetValue(row));
            Assert.Equal(new string('x', row % 40) + row, frame["text"].GetValue(row));
            Assert.Equal(System.Text.Encoding.ASCII.GetBytes("b" + row), frame["bytes"].GetValue(row));
            Assert.Equal(Guid.Parse("00000000-0000-0000-0000-" + row.ToString("D12", CultureInfo.InvariantCulture)), frame["id"].GetValue(row));
        });
        foreach (var column in frame.Columns.Skip(1)) Assert.Equal(NullRows.Count(nulls, rows), column.NullCount);
    }

    /// <summary>Runs <paramref name="sql"/> and reads its result with a <see cref="RangeCopy"/> made here, so a test can watch it.</summary>
    private Frame ReadFromBothEnds(string sql, Action<RangeCopy, int>? beforeFrontChunk = null)
    {
        _connection.EnterBusy();
        try
        {
            using var result = _connection.RunScript(sql, null, CancellationToken.None);
            var rows = checked((int)result.Rows);
            var builders = result.NewBuilders();
            foreach (var builder in builders) builder.Reserve(rows);
            var calls = 0;
            var copy = result.ReaderFromBothEnds(builders);
            copy.Run(() => beforeFrontChunk?.Invoke(copy, ++calls));
            return result.Finish(builders);
        }
        finally
        {
            _connection.ExitBusy();
        }
    }

    [Theory]
    [InlineData(300_001, Nulls.None)]
    [InlineData(300_001, Nulls.EveryThirdRow)]
    [InlineData(300_001, Nulls.All)]
    [InlineData(131_072, Nulls.EveryThirdRow)]
    [InlineData(16_384, Nulls.EveryThirdRow)]
    [InlineData(20_000, Nulls.None)]
    public void Every_row_of_a_large_result_read_from_both_ends_holds_the_value_its_formula_gives(int rows, Nulls nulls)
    {
        // Through Query, as a user reads it; the same result read by a RangeCopy made here is checked the same way below.
        AssertRows(_connection.Query(Sql(rows, nulls)), rows, nulls);
        AssertRows(ReadFromBothEnds(Sql(rows, nulls)), rows, nulls);
    }

    [Fact]
    public void The_pool_thread_may_read_every_chunk_but_the_first()
    {
        // This thread waits before its second chunk (its first call is before the first) until the pool thread has claimed every other one.
        var waited = false;
        var frame = ReadFromBothEnds(Sql(300_001, Nulls.EveryThirdRow), (copy, call) =>
        {
            if (call != 2) return;
            Assert.True(SpinWait.SpinUntil(() => copy.Unclaimed == 0, TimeSpan.FromMinutes(2)), "the pool thread never claimed the last chunks");
            waited = true;
        });

        Assert.True(waited);
        AssertRows(frame, 300_001, Nulls.EveryThirdRow);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Text_longer_than_the_first_chunk_suggests_overflows_the_shared_buffer_on_both_threads(bool poolReadsTheRest)
    {
        // The first chunk's values are one byte long, so the shared text buffer is sized for about one byte a row; the rest are
        // 40 to 60 bytes. Both threads fill their ends of it, then continue in buffers of their own; with poolReadsTheRest the pool
        // thread reads every chunk but the first, so it fills the room and overflows for certain.
        const string sql = "SELECT i, CASE WHEN i < 2048 THEN 'a' ELSE repeat('y', 40 + (i % 21)::INTEGER) || i END AS s FROM range(400000) t(i) ORDER BY i";
        var frame = ReadFromBothEnds(sql, (copy, call) =>
        {
            if (poolReadsTheRest && call == 2)
                Assert.True(SpinWait.SpinUntil(() => copy.Unclaimed == 0, TimeSpan.FromMinutes(2)), "the pool thread never claimed the last chunks");
        });

        Assert.Equal(400_000, frame.RowCount);
        for (var row = 0; row < 400_000; row++)
            Assert.Equal(row < 2048 ? "a" : new string('y', 40 + (row % 21)) + row, frame["s"].GetValue(row));
    }

    [Fact]
    public void A_result_far_over_DuckDBs_memory_limit_stays_in_memory_and_is_read_whole()
    {
        // duckdb_result_get_chunk lets DuckDB's exceptions through; reading by index is safe because the C API's results are held in
        // plain memory, never written to temporary storage and read back. Were a DuckDB upgrade to change that, this test fails.
        var spill = Directory.CreateTempSubdirectory("mallard-spill-");
        try
        {
            using var database = DuckDbDatabase.OpenInMemory();
            using var connection = database.Connect();
            connection.Execute($"SET memory_limit = '16MB'; SET threads = 1; SET temp_directory = '{spill.FullName.Replace("'", "''", StringComparison.Ordinal)}'");
            const int rows = 3_000_000;
            connection.EnterBusy();
            QueryResult result;
            try
            {
                result = connection.RunScript($"SELECT i, 'row number ' || i AS s FROM range({rows}) t(i)", null, CancellationToken.None);
            }
            finally
            {
                connection.ExitBusy();
            }
            using (result)
            {
                // About 100 MB of result, with 16 MB allowed: nothing of it went to temporary storage or to DuckDB's buffer manager.
                var memory = connection.Query("SELECT coalesce(sum(temporary_storage_bytes), 0)::BIGINT AS spilled, coalesce(sum(memory_usage_bytes), 0)::BIGINT AS managed FROM duckdb_memory()");
                Assert.Equal(0L, memory["spilled"].GetValue(0));
                Assert.True((long)memory["managed"].GetValue(0)! < 16L << 20, "the result should not be held by DuckDB's buffer manager");
                Assert.Empty(Directory.GetFiles(spill.FullName, "*", SearchOption.AllDirectories));
                var builders = result.NewBuilders();
                foreach (var builder in builders) builder.Reserve(rows);
                result.ReaderFromBothEnds(builders).Run(null);
                var frame = result.Finish(builders);
                Assert.Equal(rows, frame.RowCount);
                var i = frame.GetSpan<long>("i");
                for (var row = 0; row < rows; row += 997)
                {
                    Assert.Equal(row, i[row]);
                    Assert.Equal("row number " + row, frame["s"].GetValue(row));
                }
            }
        }
        finally
        {
            spill.Delete(recursive: true);
        }
    }

    [Fact]
    public void Large_flat_results_are_read_from_both_ends_on_two_cores_or_more_and_others_otherwise()
    {
        _connection.EnterBusy();
        try
        {
            using var flat = _connection.RunScript("SELECT 1::BIGINT AS i, 'a' AS s", null, CancellationToken.None);
            Assert.False(RangeCopy.Applies(flat.NewBuilders(), RangeCopy.MinimumRows - 1));
            Assert.Equal(Environment.ProcessorCount > 1, RangeCopy.Applies(flat.NewBuilders(), RangeCopy.MinimumRows));
            using var nested = _connection.RunScript("SELECT 1::BIGINT AS i, [1, 2] AS l", null, CancellationToken.None);
            Assert.False(RangeCopy.Applies(nested.NewBuilders(), 5_000_000));
        }
        finally
        {
            _connection.ExitBusy();
        }
    }
}
