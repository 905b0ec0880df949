using Mallard.Engine.Connections;

namespace Mallard.Connectors.Postgres;

/// <summary>
/// <c>#!connect postgres "CONNECTION STRING"</c>: PostgreSQL, and engines that speak its protocol, through Npgsql. The
/// target is Npgsql's <c>Key=Value</c> keywords or a <c>postgres://user:password@host:port/database</c> URL.
/// Host values reach the server as bound parameters, as on every connection.
/// </summary>
public sealed class PostgresConnectionProvider : IConnectionProvider
{
    public static PostgresConnectionProvider Instance { get; } = new();

    public string Kind => "postgres";

    public string TargetHelp => "\"CONNECTION STRING\" (Npgsql's keywords or a postgres:// URL)";

    public bool SupportsReadOnly => false;

    public bool TakesProviderType => false;

    public SessionConnection Open(ConnectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string target;
        try
        {
            target = PostgresConnectionString.ToNpgsql(request.Target);
        }
        catch (ArgumentException e)
        {
            throw new Mallard.Engine.Magics.MagicException(e.Message, e);
        }
        return AdoConnectionProvider.Open(request.Name, Kind, Npgsql.NpgsqlFactory.Instance, target,
            "Host=localhost;Port=5432;Username=me;Database=mydb, or postgres://me@localhost:5432/mydb");
    }
}
