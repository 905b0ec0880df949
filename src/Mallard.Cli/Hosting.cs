using Mallard.Connectors.Postgres;
using Mallard.Engine;
using Mallard.Engine.Connections;
using Mallard.Engine.Scripting;
using Mallard.Warehouse;

namespace Mallard.Cli;

/// <summary>
/// How the <c>mallard</c> tool assembles a session for each of its hosts (kernel, REPL, runner): where the warehouse is
/// (decided here, once), which kinds of connection <c>#!connect</c> opens, and C# cells through Roslyn scripting.
/// </summary>
internal static class Hosting
{
    /// <summary>DuckDB, PostgreSQL (Npgsql) and any ADO.NET provider.</summary>
    public static IReadOnlyList<IConnectionProvider> ConnectionProviders { get; } =
        [DuckDbConnectionProvider.Instance, PostgresConnectionProvider.Instance, AdoConnectionProvider.Instance];

    /// <summary>
    /// Session options for a session working in <paramref name="workingDirectory"/>, with <paramref name="warehouse"/> as
    /// its default connection, or the default warehouse location seen from that directory.
    /// </summary>
    public static SessionOptions Session(string workingDirectory, string? warehouse = null) => new()
    {
        WorkingDirectory = workingDirectory,
        WarehousePath = warehouse ?? WarehouseLocation.DefaultPath(workingDirectory),
        ConnectionProviders = ConnectionProviders,
        CSharp = CSharpScripting.Language,
        Files = LocalFiles.Instance,
    };
}
