using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mallard.Interactive.Tests;

/// <summary>
/// A PostgreSQL server of the tests' own: a fresh cluster (Debian's <c>postgresql</c> package) in a temporary folder,
/// on a free loopback port, trusting the user <see cref="User"/>. As root it runs as the package's <c>postgres</c>
/// account (PostgreSQL refuses root). A machine without the server programs fails the tests that need it, saying
/// what to install. Stopped and removed when the tests end.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string User = "mallard";

    private const string Programs = "/usr/lib/postgresql";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);
    private readonly string? _bin;
    private readonly string? _folder;
    private readonly string? _runAs;
    private readonly string? _problem;
    private bool _running;

    public PostgresServer()
    {
        try
        {
            _bin = FindPrograms();
            _runAs = Environment.IsPrivilegedProcess ? "postgres" : null;
            _folder = Directory.CreateTempSubdirectory("mallard-interactive-pg-").FullName;
            if (_runAs is not null) Run("chown", [_runAs, _folder], asServer: false);
            Port = FreePort();
            Run(Path.Combine(_bin, "initdb"), ["-D", Data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], asServer: true);
            var options = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off";
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-l", Log, "-w", "-t", "60", "-o", options, "start"], asServer: true);
            _running = true;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            _problem = e.Message;
            Stop();
        }
    }

    public int Port { get; }

    /// <summary>An Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres")
    {
        if (_problem is not null) Assert.Fail(_problem);
        return $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={User};Database={database};Timeout=10";
    }

    /// <summary>A new, empty database for one test.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        using var connection = new Npgsql.NpgsqlConnection(ConnectionString() + ";Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        command.ExecuteNonQuery();
        return name;
    }

    /// <summary>One value of a query run directly on the server, to compare with.</summary>
    public object? Scalar(string database, string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private string Data => Path.Combine(_folder!, "data");

    private string Log => Path.Combine(_folder!, "server.log");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The bin folder of the newest PostgreSQL installed with initdb and pg_ctl.</summary>
    private static string FindPrograms()
    {
        var bins = Directory.Exists(Programs) ? Directory.GetDirectories(Programs).Select(d => Path.Combine(d, "bin")) : [];
        return bins.Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                   .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), CultureInfo.InvariantCulture, out var v) ? v : -1)
                   .FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"The PostgreSQL tests need PostgreSQL's server programs (initdb and pg_ctl under {Programs}/VERSION/bin): install them with `apt-get install postgresql`.");
    }

    private void Run(string program, IReadOnlyList<string> arguments, bool asServer)
    {
        var info = new ProcessStartInfo
        {
            FileName = asServer && _runAs is not null ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The server's account may not be allowed into the test's working directory.
            WorkingDirectory = _folder ?? Path.GetTempPath(),
        };
        if (asServer && _runAs is not null)
        {
            foreach (var argument in (string[])["-u", _runAs, "--", program]) info.ArgumentList.Add(argument);
        }
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ToolTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not end within {ToolTimeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
        {
            var log = _folder is not null && File.Exists(Log) ? File.ReadAllText(Log) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed (exit code {process.ExitCode}):\n{output.Result}{errors.Result}{log}");
        }
    }

    private void Stop()
    {
        if (_running)
        {
            _running = false;
            Npgsql.NpgsqlConnection.ClearAllPools();
            Run(Path.Combine(_bin!, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "-t", "30", "stop"], asServer: true);
        }
        if (_folder is not null && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    public void Dispose() => Stop();
}
