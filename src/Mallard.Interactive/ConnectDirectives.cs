using Mallard.Display;
using System.Data.Common;
using Mallard.Connectors.Postgres;
using Mallard.Data;
using Mallard.DuckDb;
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

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors(CompositeKernel kernel) =>
        ConnectedKernels.Check(base.GetValidationErrors(kernel), kernel, ConnectedKernelName);
}

/// <summary><c>#!connect postgres --kernel-name NAME "Host=...;Database=..."</c>: the kernel is <c>sql-NAME</c>, as Polyglot's.</summary>
public sealed class ConnectPostgresKernel(string connectedKernelName) : ConnectKernelCommand(connectedKernelName)
{
    /// <summary>An Npgsql connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The name of the kernel it adds.</summary>
    internal string KernelName => "sql-" + ConnectedKernelName;

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors(CompositeKernel kernel) =>
        ConnectedKernels.Check(base.GetValidationErrors(kernel), kernel, KernelName);
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

    public override Task<IEnumerable<Kernel>> ConnectKernelsAsync(ConnectDuckDbKernel connectCommand, KernelInvocationContext context) =>
        Task.FromResult(ConnectedKernels.Connect(connectCommand, context, () => Connect(connectCommand)));

    private Kernel Connect(ConnectDuckDbKernel connectCommand)
    {
        var options = DuckDbConnectionString.Parse(connectCommand.ConnectionString);
        var readOnly = options.ReadOnly || connectCommand.ReadOnly;
        var name = connectCommand.ConnectedKernelName;
        var connection = DuckDbConnectionProvider.Open(name, options with { ReadOnly = readOnly }, _host.WorkingDirectory);
        var description = $"the DuckDB database {connection.Target}{(readOnly ? ", read-only" : "")}";
        return new MallardSqlKernel(name, _host, isWarehouse: false, () => connection, description);
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

    public override Task<IEnumerable<Kernel>> ConnectKernelsAsync(ConnectPostgresKernel connectCommand, KernelInvocationContext context) =>
        Task.FromResult(ConnectedKernels.Connect(connectCommand, context, () => Connect(connectCommand)));

    private Kernel Connect(ConnectPostgresKernel connectCommand)
    {
        if (string.IsNullOrWhiteSpace(connectCommand.ConnectionString))
            throw new ArgumentException("#!connect postgres needs a connection string, such as \"Host=localhost;Database=warehouse;Username=analyst\".");
        var name = connectCommand.KernelName;
        var connection = PostgresConnectionProvider.Instance.Open(
            new ConnectionRequest(name, connectCommand.ConnectionString, ReadOnly: false, ProviderType: null, _host.WorkingDirectory, []));
        return new MallardSqlKernel(name, _host, isWarehouse: false, () => connection, $"the PostgreSQL database {connection.Target}");
    }
}

/// <summary>What the connect directives share: the check of the new kernel's name, and how a failed connection is said.</summary>
internal static class ConnectedKernels
{
    /// <summary>
    /// .NET Interactive's own <paramref name="errors"/> (which look only at the name given with <c>--kernel-name</c>), and an
    /// error when the name the kernel gets is already a kernel's, an alias or a magic command (<c>sql-pg</c> of a second
    /// <c>#!connect postgres --kernel-name pg</c>, <c>connect</c>): the composite kernel refuses such a kernel only after its
    /// connection is open, and leaves that connection open.
    /// </summary>
    public static IEnumerable<string> Check(IEnumerable<string> errors, CompositeKernel kernel, string name)
    {
        var root = kernel.RootKernel as CompositeKernel ?? kernel;
        var taken = root.KernelInfo.SupportedDirectives.Any(d => d.Name == "#!" + name);
        return taken ? errors.Append($"The kernel name or alias '{name}' is already in use.").Distinct() : errors;
    }

    /// <summary>
    /// The kernel <paramref name="connect"/> makes; a connection string or database it cannot use fails the cell with the
    /// message alone (thrown, .NET Interactive would show the exception with its stack trace) and adds no kernel.
    /// </summary>
    public static IEnumerable<Kernel> Connect(ConnectKernelCommand command, KernelInvocationContext context, Func<Kernel> connect)
    {
        try
        {
            return [connect()];
        }
        catch (Exception e) when (e is ArgumentException or DbException)
        {
            context.Fail(command, message: e.Message);
            return [];
        }
    }
}
