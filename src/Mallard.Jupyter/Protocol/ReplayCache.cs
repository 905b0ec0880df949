namespace Mallard.Jupyter.Protocol;

/// <summary>
/// The signatures seen lately (the last 65,536, as jupyter_client keeps): a signature seen before is a
/// replayed message and is refused.
/// </summary>
internal sealed class ReplayCache(int capacity = 65536)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Records <paramref name="signature"/>; false when it was already there (a replay).</summary>
    public bool TryAdd(ReadOnlySpan<byte> signature)
    {
        var key = System.Text.Encoding.ASCII.GetString(signature).ToLowerInvariant();
        lock (_lock)
        {
            if (!_seen.Add(key)) return false;
            _order.Enqueue(key);
            if (_order.Count > capacity) _seen.Remove(_order.Dequeue());
            return true;
        }
    }
}
