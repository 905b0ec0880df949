using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mallard.Interop.Tests;

/// <summary>
/// A private PostgreSQL server for the test run, from Debian's postgresql package: a fresh cluster in a temporary
/// directory, listening on a free loopback port (and a unix socket in that directory), trusted for the local user
/// <see cref="User"/>. PostgreSQL refuses to run as root, so as root the server runs as the unprivileged
/// <c>postgres</c> account the package creates. Stopped and removed when the tests end.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The superuser the cluster is created with; the tests connect as this user.</summary>
    public const string User = "mallard";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(120);
    private readonly string? _bin;
    private readonly string? _root;
    private readonly string? _data;
    private readonly string? _runAs;
    private readonly string? _problem;
    private bool _started;

    public PostgresServer()
    {
        try
        {
            _bin = FindBinaries();
            _runAs = Environment.IsPrivilegedProcess ? "postgres" : null;
            _root = Directory.CreateTempSubdirectory("mallard-pg-").FullName;
            _data = Path.Combine(_root, "data");
            if (_runAs is not null) Run("chown", [_runAs, _root], asServerUser: false);
            Port = FreePort();
            Run(Path.Combine(_bin, "initdb"), ["-D", _data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], asServerUser: true);
            var options = string.Join(' ',
                "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _root, "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", options, "start"], asServerUser: true);
            _started = true;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            _problem = e.Message;
            Cleanup();
        }
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string for the server's <c>postgres</c> database.</summary>
    public string ConnectionString
    {
        get
        {
            Require();
            return $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={User};Database=postgres;Timeout=10";
        }
    }

    /// <summary>The folder of the server's programs, psql among them (Debian's postgresql package).</summary>
    public string Bin
    {
        get
        {
            Require();
            return _bin!;
        }
    }

    /// <summary>A new, empty database <paramref name="name"/> (dropped first if it exists), as an Npgsql connection string.</summary>
    public string CreateDatabase(string name)
    {
        using (var connection = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }
        return ConnectionString.Replace("Database=postgres", "Database=" + name, StringComparison.Ordinal);
    }

    /// <summary>
    /// Waits until the server runs a statement whose text contains <paramref name="fragment"/> (another session's, as
    /// <c>pg_stat_activity</c> shows it active), so a test interrupts a query PostgreSQL is running, not one still on its way.
    /// Fails the test with what the server ran when none does within <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForActiveQueryAsync(string fragment, Task running, TimeSpan timeout)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' AND strpos(query, $1) > 0";
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = fragment });
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !running.IsCompleted)
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0) return;
            await Task.WhenAny(running, Task.Delay(10));
        }
        if (running.IsCompleted) Assert.Fail($"The statement containing '{fragment}' ended before the server was seen running it.");
        command.CommandText = "SELECT string_agg(state || ': ' || query, '; ') FROM pg_stat_activity WHERE pid <> pg_backend_pid()";
        command.Parameters.Clear();
        Assert.Fail($"The server was not running a statement containing '{fragment}' within {timeout.TotalSeconds} s; it ran: {await command.ExecuteScalarAsync()}");
    }

    /// <summary>The database <paramref name="name"/> as a postgres:// URL.</summary>
    public string Url(string name) => string.Create(CultureInfo.InvariantCulture, $"postgres://{User}@127.0.0.1:{Port}/{name}");

    /// <summary>Fails the calling test with what is missing when the server could not be started.</summary>
    public void Require()
    {
        if (_problem is not null) Assert.Fail(_problem);
    }

    /// <summary>A loopback port nothing listens on (for connection failures).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        var bin = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
                .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Bin, "initdb")) && File.Exists(Path.Combine(d.Bin, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            $"PostgreSQL's server programs (initdb, pg_ctl under {Root}/<version>/bin) are missing: install them with apt-get install postgresql.");
    }

    private void Run(string program, IReadOnlyList<string> arguments, bool asServerUser)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server's account may not enter the test's own working directory.
            WorkingDirectory = _root ?? Path.GetTempPath(),
        };
        if (asServerUser && _runAs is not null)
        {
            info.FileName = "runuser";
            foreach (var a in (string[])["-u", _runAs, "--", program]) info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ToolTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within {ToolTimeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
        {
            var log = _root is not null && File.Exists(Path.Combine(_root, "server.log")) ? File.ReadAllText(Path.Combine(_root, "server.log")) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{stdout.Result}{stderr.Result}{log}");
        }
    }

    private void Cleanup()
    {
        if (_started && _bin is not null && _data is not null)
        {
            _started = false;
            Npgsql.NpgsqlConnection.ClearAllPools();
            try
            {
                Run(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "fast", "-w", "-t", "30", "stop"], asServerUser: true);
            }
            catch (InvalidOperationException)
            {
                Run(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"], asServerUser: true);
            }
        }
        if (_root is not null && Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>Stops the server and removes its directory.</summary>
    public void Dispose() => Cleanup();
}
