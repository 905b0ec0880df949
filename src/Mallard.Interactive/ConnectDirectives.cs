using Mallard.Connectors.Postgres;
using Mallard.Data;
using Mallard.Engine.Connections;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Directives;

namespace Mallard.Interactive;

/// <summary>
/// <c>#!connect duckdb --kernel-name NAME "Data Source=FILE[;Read Only=true]"</c>, as Polyglot's DuckDB connector takes it
/// (the connection string positional, with <c>--connection-string</c>, or <c>@csharp:var</c>); the kernel is <c>NAME</c>.
/// </summary>
public sealed class ConnectDuckDbKernel(string connectedKernelName) : ConnectKernelCommand(connectedKernelName)
{
    /// <summary>The connection string: <c>Data Source=FILE</c> (or <c>:memory:</c>), <c>Read Only=true</c>, DuckDB settings; or just a path.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Opens the database read-only (as <c>Read Only=true</c> does).</summary>
    public bool ReadOnly { get; set; }
}

/// <summary><c>#!connect postgres --kernel-name NAME "Host=...;Database=..."</c>: the kernel is <c>sql-NAME</c>, as Polyglot's.</summary>
public sealed class ConnectPostgresKernel(string connectedKernelName) : ConnectKernelCommand(connectedKernelName)
{
    /// <summary>An Npgsql connection string.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>The <c>#!connect duckdb</c> directive.</summary>
internal sealed class ConnectDuckDbDirective : ConnectKernelDirective<ConnectDuckDbKernel>
{
    private readonly MallardHost _host;

    public ConnectDuckDbDirective(MallardHost host) : base("duckdb", "Connects to a DuckDB database, run by Mallard")
    {
        _host = host;
        Parameters.Add(new KernelDirectiveParameter("--connection-string", "Data Source=FILE (or :memory:), with Read Only=true to open it read-only; or just the path")
        {
            AllowImplicitName = true,
            Required = true,
        });
        Parameters.Add(new KernelDirectiveParameter("--read-only", "Open the database read-only") { Flag = true });
    }

    public override Task<IEnumerable<Kernel>> ConnectKernelsAsync(ConnectDuckDbKernel connectCommand, KernelInvocationContext context)
    {
        var target = DuckDbConnectionString.Parse(connectCommand.ConnectionString);
        var readOnly = target.ReadOnly || connectCommand.ReadOnly;
        var name = connectCommand.ConnectedKernelName;
        var connection = DuckDbConnectionProvider.Open(name, target.Path, readOnly, _host.WorkingDirectory);
        try
        {
            foreach (var (setting, value) in target.Settings) connection.DuckDb!.Execute($"SET {SqlText.Identifier(setting)} = {SqlText.Literal(value)}");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        var description = $"the DuckDB database {connection.Target}{(readOnly ? ", read-only" : "")}";
        Kernel kernel = new MallardSqlKernel(name, _host, isWarehouse: false, () => connection, description);
        return Task.FromResult<IEnumerable<Kernel>>([kernel]);
    }
}

/// <summary>The <c>#!connect postgres</c> directive.</summary>
internal sealed class ConnectPostgresDirective : ConnectKernelDirective<ConnectPostgresKernel>
{
    private readonly MallardHost _host;

    public ConnectPostgresDirective(MallardHost host) : base("postgres", "Connects to a PostgreSQL database, run by Mallard")
    {
        _host = host;
        Parameters.Add(new KernelDirectiveParameter("--connection-string", "An Npgsql connection string: Host=...;Database=...;Username=...")
        {
            AllowImplicitName = true,
            Required = true,
            TypeHint = "connectionstring-postgresql",
        });
    }

    public override Task<IEnumerable<Kernel>> ConnectKernelsAsync(ConnectPostgresKernel connectCommand, KernelInvocationContext context)
    {
        if (string.IsNullOrWhiteSpace(connectCommand.ConnectionString))
            throw new ArgumentException("#!connect postgres needs a connection string, such as \"Host=localhost;Database=warehouse;Username=analyst\".");
        var name = "sql-" + connectCommand.ConnectedKernelName;
        var connection = PostgresConnectionProvider.Instance.Open(
            new ConnectionRequest(name, connectCommand.ConnectionString, ReadOnly: false, ProviderType: null, _host.WorkingDirectory, []));
        Kernel kernel = new MallardSqlKernel(name, _host, isWarehouse: false, () => connection, $"the PostgreSQL database {connection.Target}");
        return Task.FromResult<IEnumerable<Kernel>>([kernel]);
    }
}
