using Mallard.Engine.Connections;

namespace Mallard.Connectors.Postgres;

/// <summary>
/// <c>#!connect postgres "CONNECTION STRING"</c>: PostgreSQL, and engines that speak its protocol, through Npgsql.
/// Host values reach the server as bound parameters, as on every connection.
/// </summary>
public sealed class PostgresConnectionProvider : IConnectionProvider
{
    public static PostgresConnectionProvider Instance { get; } = new();

    public string Kind => "postgres";

    public string TargetHelp => "\"CONNECTION STRING\"";

    public bool SupportsReadOnly => false;

    public bool TakesProviderType => false;

    public SessionConnection Open(ConnectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AdoConnectionProvider.Open(request.Name, Kind, Npgsql.NpgsqlFactory.Instance, request.Target,
            "Host=localhost;Port=5432;Username=me;Database=mydb");
    }
}
