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

    /// <summary>Adds <paramref name="connection"/>, closing one of the same name; it becomes the current one unless <paramref name="makeCurrent"/> is false.</summary>
    public void Add(SessionConnection connection, bool makeCurrent = true)
    {
        SessionConnection? old;
        lock (_lock)
        {
            _connections.Remove(connection.Name, out old);
            _connections[connection.Name] = connection;
            if (makeCurrent) _current = connection.Name;
        }
        old?.Dispose();
    }

    /// <summary>The name of the open connection a Polyglot cell magic addresses (<c>#!NAME</c> or <c>#!sql-NAME</c>), or null.</summary>
    public string? Addressed(string magicName)
    {
        lock (_lock)
        {
            if (_connections.ContainsKey(magicName)) return _connections.Keys.First(k => string.Equals(k, magicName, StringComparison.OrdinalIgnoreCase));
            if (magicName.StartsWith("sql-", StringComparison.OrdinalIgnoreCase) && _connections.ContainsKey(magicName[4..]))
                return _connections.Keys.First(k => string.Equals(k, magicName[4..], StringComparison.OrdinalIgnoreCase));
            return null;
        }
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
