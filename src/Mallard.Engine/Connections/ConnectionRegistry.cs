using System.Data.Common;
using System.Reflection;
using Mallard.Data;
using Mallard.DuckDb;
using Mallard.Engine.Magics;

namespace Mallard.Engine.Connections;

/// <summary>The named connections of a session and which one is current.</summary>
internal sealed class ConnectionRegistry : IDisposable
{
    private readonly Dictionary<string, SessionConnection> _connections = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<SessionConnection> _openDefault;
    private readonly Lock _lock = new();
    private string? _current;

    public ConnectionRegistry(Func<SessionConnection> openDefault)
    {
        _openDefault = openDefault;
    }

    public IReadOnlyList<SessionConnection> All
    {
        get
        {
            lock (_lock) return [.. _connections.Values];
        }
    }

    public string? CurrentName
    {
        get
        {
            lock (_lock) return _current;
        }
    }

    /// <summary>The named connection, or the current one (opening the default on first use).</summary>
    public SessionConnection Get(string? name)
    {
        lock (_lock)
        {
            if (name is not null)
            {
                return _connections.TryGetValue(name, out var named)
                    ? named
                    : throw new MagicException(
                        $"No connection named '{name}'. Open connections: {(_connections.Count == 0 ? "none" : string.Join(", ", _connections.Keys))}. Open one with #!connect.");
            }
            if (_current is not null && _connections.TryGetValue(_current, out var current)) return current;
            var opened = _openDefault();
            _connections[opened.Name] = opened;
            _current = opened.Name;
            return opened;
        }
    }

    /// <summary>Adds <paramref name="connection"/> as the current connection, closing one of the same name.</summary>
    public void Add(SessionConnection connection)
    {
        SessionConnection? old;
        lock (_lock)
        {
            _connections.Remove(connection.Name, out old);
            _connections[connection.Name] = connection;
            _current = connection.Name;
        }
        old?.Dispose();
    }

    /// <summary>Closes and forgets the named connection, if there is one; the current connection stays named as it was.</summary>
    public void Close(string name)
    {
        SessionConnection? old;
        lock (_lock) _connections.Remove(name, out old);
        old?.Dispose();
    }

    public void CancelAll()
    {
        foreach (var c in All) c.Cancel();
    }

    public static SessionConnection OpenDuckDb(string name, string target, bool readOnly, string workingDirectory)
    {
        var inMemory = target is ":memory:" or "memory";
        var path = inMemory ? ":memory:" : Path.GetFullPath(Path.Combine(workingDirectory, target));
        if (!inMemory && readOnly && !File.Exists(path))
            throw new DuckDbOpenException($"The database file {path} does not exist; a read-only connection needs an existing file.", DuckDbOpenFailure.NotFound, path);
        var database = inMemory ? DuckDbDatabase.OpenInMemory() : DuckDbDatabase.Open(path, readOnly);
        try
        {
            var connection = database.Connect();
            // Relative paths in SQL (read_csv('data.csv'), 'file.parquet') resolve against the notebook's folder, as #load does.
            connection.Execute("SET file_search_path = " + SqlText.Literal(workingDirectory));
            return new SessionConnection(name, "duckdb", inMemory ? ":memory:" : path, readOnly, connection, database);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public static SessionConnection OpenAdo(string name, string kind, string connectionString, string? providerType, IEnumerable<Assembly> loaded)
    {
        DbProviderFactory factory;
        if (kind == "postgres")
        {
            factory = Npgsql.NpgsqlFactory.Instance;
        }
        else
        {
            if (providerType is null)
                throw new MagicException("#!connect ado needs --provider TYPE: the DbProviderFactory type, for example \"Npgsql.NpgsqlFactory, Npgsql\" (load its assembly first with #r).");
            var type = Type.GetType(providerType, throwOnError: false)
                ?? loaded.Select(a => a.GetType(providerType.Split(',')[0].Trim(), throwOnError: false)).FirstOrDefault(t => t is not null)
                ?? throw new MagicException($"The provider type '{providerType}' was not found. Load its assembly with #r \"path.dll\" and give the full type name.");
            factory = type.GetField("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as DbProviderFactory
                ?? throw new MagicException($"'{type.FullName}' is not a DbProviderFactory with a public static Instance field.");
        }
        var connection = factory.CreateConnection() ?? throw new MagicException($"The provider {factory.GetType().Name} created no connection.");
        try
        {
            try
            {
                connection.ConnectionString = connectionString;
            }
            catch (ArgumentException e)
            {
                throw new ConnectionStringException(
                    $"The {kind} connection string is not valid: {ConnectionStringProblem(e)}. Give Key=Value pairs separated by ';' with the provider's own keys"
                    + (kind == "postgres" ? ", for example \"Host=localhost;Port=5432;Username=me;Database=mydb\"." : "."),
                    e);
            }
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new SessionConnection(name, kind, HidePassword(connectionString), false, connection, null);
    }

    /// <summary>What a provider's rejection of a connection string means: it says only "Couldn't set KEY", the cause underneath says why.</summary>
    private static string ConnectionStringProblem(ArgumentException e)
    {
        var cause = e.InnerException;
        // DbConnectionStringBuilder's own "does not conform to specification starting at index N"; the text there is not shown (it may be part of a password).
        if (System.Text.RegularExpressions.Regex.Match(e.Message, @"specification starting at index (\d+)") is { Success: true } format
            && int.TryParse(format.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var index))
            return $"the text from character {index + 1} on is not a Key=Value pair (quote values that contain ';' or '=')";
        if (e.ParamName is not { Length: > 0 } key || cause is null) return e.Message.TrimEnd('.');
        if (cause is KeyNotFoundException || (cause is ArgumentException && cause.Message.Contains("not supported", StringComparison.OrdinalIgnoreCase)))
            return $"'{key}' is not a key the provider knows";
        return $"the value given for '{key}' was refused ({cause.Message.TrimEnd('.')})";
    }

    private static string HidePassword(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
            {
                if (key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase)) builder[key] = "***";
            }
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(connection string)";
        }
    }

    public void Dispose()
    {
        List<SessionConnection> all;
        lock (_lock)
        {
            all = [.. _connections.Values];
            _connections.Clear();
        }
        foreach (var c in all) c.Dispose();
    }
}
