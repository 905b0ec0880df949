using Mallard.DuckDb.Reading;

namespace Mallard.DuckDb.Tests;

/// <summary>
/// Which columns of a large result the pool thread copies (<see cref="QueryResult.SplitCopy"/>): results with a nested column,
/// as results of flat columns alone are read from both ends (<see cref="RangeCopy"/>).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SplitCopyTests : IDisposable
{
    private readonly DuckDbConnection _connection;

    public SplitCopyTests(DatabaseFixture fixture) => _connection = fixture.Connect();

    public void Dispose() => _connection.Dispose();

    private bool[]? Split(string sql, long rows)
    {
        _connection.EnterBusy();
        try
        {
            using var result = _connection.RunScript(sql, null, CancellationToken.None);
            return QueryResult.SplitCopy.Columns([.. result.Specs.Select(ColumnBuilder.For)], rows);
        }
        finally
        {
            _connection.ExitBusy();
        }
    }

    [Fact]
    public void A_small_result_is_copied_on_one_thread()
    {
        Assert.Null(Split("SELECT 1::BIGINT AS i, 'a' AS s", QueryResult.SplitCopy.MinimumRows - 1));
    }

    [Fact]
    public void The_pool_thread_takes_the_text_column_and_this_thread_keeps_some_fixed_ones()
    {
        // The benchmark's table (BIGINT, DOUBLE, VARCHAR, DATE, DECIMAL(18,2)) with a short list.
        var split = Split("SELECT 1::BIGINT AS id, 1.5::DOUBLE AS x, 'abc' AS s, DATE '2024-01-01' AS d, 1.25::DECIMAL(18,2) AS amount, [1] AS l", 5_000_000);

        Assert.NotNull(split);
        Assert.True(split[2], "the text column goes to the pool thread");
        Assert.Contains(false, split);
    }

    [Fact]
    public void A_single_large_column_is_copied_by_the_pool_thread_while_this_one_fetches()
    {
        Assert.Equal([true], Split("SELECT 'abc' AS s", 1_000_000)!);
    }
}
