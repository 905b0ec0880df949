namespace Mallard.DuckDb.Tests;

/// <summary>
/// Disposing in every order never crashes: what remains either keeps working or throws
/// ObjectDisposedException / InvalidOperationException.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class DisposalTests(DatabaseFixture fixture)
{
    [Fact]
    public void A_connection_keeps_working_after_its_database_is_disposed()
    {
        var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();
        connection.Execute("CREATE TABLE kept AS SELECT 5 AS x");

        database.Dispose();

        Assert.Equal(5, connection.Query("SELECT x FROM kept")["x"].GetValue(0));
        Assert.Throws<ObjectDisposedException>(() => database.Connect());
        database.Dispose();
    }

    [Fact]
    public void A_prepared_statement_of_a_closed_connection_refuses_to_run_and_disposes_quietly()
    {
        var connection = fixture.Connect();
        var statement = connection.Prepare("SELECT $1::INTEGER AS v");

        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => statement.Query());
        Assert.Throws<ObjectDisposedException>(() => statement.Bind(1, 1));
        statement.Dispose();
        statement.Dispose();
        Assert.Throws<ObjectDisposedException>(() => statement.Execute());
    }

    [Fact]
    public void A_prepared_statement_does_not_run_on_the_connection_s_next_session_after_reopening()
    {
        using var connection = new DuckDbConnection("Data Source=:memory:");
        connection.Open();
        using var statement = connection.Prepare("SELECT 1 AS v");

        connection.Close();
        connection.Open();

        Assert.Throws<ObjectDisposedException>(() => statement.Query());
        Assert.Equal(1, connection.Query("SELECT 1 AS v")["v"].GetValue(0));
    }

    [Fact]
    public void A_reader_of_a_closed_connection_throws_and_disposes_quietly()
    {
        var connection = fixture.Connect();
        var reader = connection.QueryStreaming("SELECT i FROM range(10000) t(i)");
        Assert.NotNull(reader.ReadChunk());

        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => reader.ReadChunk());
        reader.Dispose();
        reader.Dispose();
    }

    [Fact]
    public void An_appender_of_a_closed_connection_refuses_rows_and_disposes_quietly()
    {
        using var owner = fixture.Connect();
        owner.Execute("CREATE OR REPLACE TABLE disposal_target(x INTEGER)");
        var connection = fixture.Connect();
        var appender = connection.CreateAppender("disposal_target");
        appender.AppendRow(1);

        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => appender.AppendRow(2));
        appender.Dispose();
        appender.Dispose();
        Assert.Throws<ObjectDisposedException>(() => appender.AppendRow(3));
    }

    [Fact]
    public void A_disposed_prepared_statement_refuses_to_run_even_while_its_reader_is_open()
    {
        using var connection = fixture.Connect();
        var statement = connection.Prepare("SELECT i FROM range(10000) t(i)");
        using var reader = statement.QueryStreaming();

        statement.Dispose();

        Assert.Throws<ObjectDisposedException>(() => statement.Bind(1, 1));
        Assert.Equal(10000, reader.ReadChunks().Sum(c => c.RowCount));
        Assert.Throws<ObjectDisposedException>(() => statement.Query());
    }

    [Fact]
    public void Everything_disposed_twice_in_the_reverse_of_the_usual_order_does_not_crash()
    {
        var database = DuckDbDatabase.OpenInMemory();
        var connection = database.Connect();
        connection.Execute("CREATE TABLE t(x INTEGER)");
        var statement = connection.Prepare("SELECT x FROM t");
        var appender = connection.CreateAppender("t");
        appender.AppendRow(1);
        appender.Flush();
        var reader = connection.QueryStreaming("SELECT * FROM range(100)");

        database.Dispose();
        connection.Dispose();
        statement.Dispose();
        reader.Dispose();
        appender.Dispose();
        database.Dispose();
        connection.Dispose();
        statement.Dispose();
        reader.Dispose();
        appender.Dispose();

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.Throws<InvalidOperationException>(() => connection.Query("SELECT 1"));
    }

    [Fact]
    public void Objects_left_to_the_finalizer_do_not_crash_the_process()
    {
        static void Abandon()
        {
            var database = DuckDbDatabase.OpenInMemory();
            var connection = database.Connect();
            connection.Execute("CREATE TABLE t(x INTEGER)");
            _ = connection.Prepare("SELECT 1");
            _ = connection.QueryStreaming("SELECT * FROM range(10000)");
        }

        for (var i = 0; i < 5; i++) Abandon();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        using var connection = fixture.Connect();
        Assert.Equal(1, connection.Query("SELECT 1 AS v")["v"].GetValue(0));
    }

    [Fact]
    public void A_closed_connection_reports_Closed_and_refuses_queries()
    {
        var connection = fixture.Connect();

        connection.Close();

        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);
        Assert.Throws<InvalidOperationException>(() => connection.Query("SELECT 1"));
        Assert.Throws<InvalidOperationException>(() => connection.Prepare("SELECT 1"));
        Assert.Throws<InvalidOperationException>(() => connection.CreateAppender("t"));
        connection.Cancel();
        Assert.Null(connection.QueryProgress);
        connection.Dispose();
    }
}
