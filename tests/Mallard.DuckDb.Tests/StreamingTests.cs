namespace Mallard.DuckDb.Tests;

/// <summary>Streaming results chunk by chunk, and the rule that nothing else runs while a reader is open.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class StreamingTests : IDisposable
{
    private readonly DuckDbConnection _connection;

    public StreamingTests(DatabaseFixture fixture) => _connection = fixture.Connect();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Streaming_a_million_rows_reads_chunks_whose_rows_add_up()
    {
        using var reader = _connection.QueryStreaming("SELECT i, i % 7 = 0 AS sevenths FROM range(1000000) t(i)");

        Assert.Equal(["i", "sevenths"], reader.Schema.ColumnNames);
        Assert.Equal(0, reader.Schema.RowCount);
        long rows = 0, sum = 0, sevenths = 0;
        var chunks = 0;
        foreach (var chunk in reader.ReadChunks())
        {
            chunks++;
            Assert.InRange(chunk.RowCount, 1, 2048);
            rows += chunk.RowCount;
            foreach (var i in chunk.GetSpan<long>("i")) sum += i;
            foreach (var s in chunk.GetSpan<bool>("sevenths")) sevenths += s ? 1 : 0;
        }

        Assert.Equal(1_000_000, rows);
        Assert.Equal(999_999L * 1_000_000L / 2, sum);
        Assert.Equal(142_858, sevenths);
        Assert.True(chunks >= 1_000_000 / 2048, $"only {chunks} chunks");
        Assert.Null(reader.ReadChunk());
    }

    [Fact]
    public void Another_statement_while_a_reader_is_open_is_refused_with_a_clear_message()
    {
        _connection.Execute("CREATE OR REPLACE TEMP TABLE stream_target(x INTEGER)");
        using var statement = _connection.Prepare("SELECT 1 AS v");
        using var reader = _connection.QueryStreaming("SELECT i FROM range(100000) t(i)");
        Assert.NotNull(reader.ReadChunk());

        foreach (var attempt in new Action[]
        {
            () => _connection.Query("SELECT 1"),
            () => _connection.Execute("INSERT INTO stream_target VALUES (1)"),
            () => _connection.QueryStreaming("SELECT 1"),
            () => _connection.Prepare("SELECT 1"),
            () => statement.Query(),
            () => _connection.CreateAppender("stream_target"),
        })
        {
            var error = Assert.Throws<InvalidOperationException>(attempt);
            Assert.Contains("streaming reader is still open", error.Message, StringComparison.Ordinal);
        }

        long rows = 2048 - 2048;
        while (reader.ReadChunk() is { } chunk) rows += chunk.RowCount;
        Assert.True(rows > 90_000, $"the reader lost rows: {rows} read after the refusals");
    }

    [Fact]
    public void Disposing_a_reader_frees_the_connection()
    {
        var reader = _connection.QueryStreaming("SELECT i FROM range(1000000) t(i)");
        Assert.NotNull(reader.ReadChunk());

        reader.Dispose();

        Assert.Equal(3, _connection.Query("SELECT 3 AS v")["v"].GetValue(0));
        Assert.Throws<ObjectDisposedException>(() => reader.ReadChunk());
    }

    [Fact]
    public void Reading_a_reader_to_the_end_frees_the_connection()
    {
        var reader = _connection.QueryStreaming("SELECT 1 AS v UNION ALL SELECT 2");

        var rows = reader.ReadChunks().Sum(c => c.RowCount);

        Assert.Equal(2, rows);
        Assert.Equal(3, _connection.Query("SELECT 3 AS v")["v"].GetValue(0));
    }

    [Fact]
    public void A_prepared_statement_streams_and_holds_the_connection_like_any_reader()
    {
        using var statement = _connection.Prepare("SELECT i FROM range($1::BIGINT) t(i)");
        statement.Bind(1, 5000L);

        using (var reader = statement.QueryStreaming())
        {
            Assert.Throws<InvalidOperationException>(() => _connection.Query("SELECT 1"));
            Assert.Equal(5000, reader.ReadChunks().Sum(c => c.RowCount));
        }

        Assert.Equal(1, _connection.Query("SELECT 1 AS v")["v"].GetValue(0));
    }

    [Fact]
    public void A_reader_whose_connection_closed_says_so_instead_of_ending_early()
    {
        using var connection = _connection.DatabaseInstance.Connect();
        using var reader = connection.QueryStreaming("SELECT i FROM range(100000) t(i)");
        Assert.NotNull(reader.ReadChunk());

        connection.Close();

        Assert.Throws<ObjectDisposedException>(() => reader.ReadChunk());
    }

    [Fact]
    public void A_streamed_script_runs_every_statement_and_streams_the_last()
    {
        using var reader = _connection.QueryStreaming("CREATE OR REPLACE TEMP TABLE streamed AS SELECT range AS i FROM range(3000); SELECT i FROM streamed ORDER BY i");

        var values = reader.ReadChunks().SelectMany(c => c.GetSpan<long>("i").ToArray()).ToList();

        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (long)i), values);
    }
}
