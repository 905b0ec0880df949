using Mallard.Connectors.Postgres;
using Npgsql;

namespace Mallard.Interop.Tests;

/// <summary>postgres:// URLs beside Npgsql's keywords, for #!connect postgres, use_connection and warehouse publish.</summary>
public sealed class PostgresConnectionStringTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public void A_url_becomes_npgsqls_keywords_with_its_escapes_decoded()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.ToNpgsql(
            "postgresql://ana%40corp:p%3Ass%2Fw0rd@db.example.com:6543/sales%20eu?sslmode=require&application_name=pack"));
        Assert.Equal(("ana@corp", "p:ss/w0rd", "db.example.com", 6543, "sales eu", SslMode.Require, "pack"),
            (builder.Username, builder.Password, builder.Host, builder.Port, builder.Database, builder.SslMode, builder.ApplicationName));
        Assert.Equal("h1:5432,h2:5433", new NpgsqlConnectionStringBuilder(PostgresConnectionString.ToNpgsql("postgres://u@h1:5432,h2:5433/d")).Host);
    }

    [Fact]
    public void Keywords_pass_through_and_a_bad_url_says_what_is_wrong_without_its_password()
    {
        Assert.Equal("Host=x;Database=y", PostgresConnectionString.ToNpgsql("Host=x;Database=y"));
        var port = Assert.Throws<ArgumentException>(() => PostgresConnectionString.ToNpgsql("postgres://u:hidden@h:port/d"));
        Assert.Contains("port 'port' is not a port number", port.Message, StringComparison.Ordinal);
        var parameter = Assert.Throws<ArgumentException>(() => PostgresConnectionString.ToNpgsql("postgres://u:hidden@h/d?colour=blue"));
        Assert.Contains("'colour', which is not one Mallard reads", parameter.Message, StringComparison.Ordinal);
        var host = Assert.Throws<ArgumentException>(() => PostgresConnectionString.ToNpgsql("postgres:///d"));
        Assert.Contains("names no host", host.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", port.Message + parameter.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_postgres_and_use_connection_open_a_url_and_make_it_current()
    {
        server.Require();
        var url = server.Url("postgres");
        using var session = Sessions.New([Mallard.Engine.Connections.DuckDbConnectionProvider.Instance, PostgresConnectionProvider.Instance]);
        var connected = await session.RunOk($"#!connect postgres --name pg \"{url}\"");
        Assert.Contains("Connected 'pg' (postgres)", connected.Stdout, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL", (await session.RunOk("#!sql\nSELECT version() AS v")).Results.Single().Text(), StringComparison.Ordinal);

        await session.RunOk("#!connect duckdb :memory:");
        var used = await session.RunOk($"use_connection(\"postgres\", \"{url}\", \"again\");");
        Assert.Contains("Connected 'again' (postgres)", used.Stdout, StringComparison.Ordinal);
        Assert.Contains("It is now the current connection", used.Stdout, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL", (await session.RunOk("#!sql\nSELECT version() AS v")).Results.Single().Text(), StringComparison.Ordinal);
        var (outcome, _) = await session.Run("use_connection(\"oracle\", \"x\");");
        Assert.False(outcome.Succeeded);
        Assert.Contains("'oracle' is not a kind of connection this session opens", string.Join("\n", outcome.Error!.Traceback), StringComparison.Ordinal);
    }
}
