namespace Mallard.Jupyter.Kernel;

/// <summary>The inputs (and plain-text results) of this kernel's cells that stored history, numbered by execution count.</summary>
internal sealed class KernelHistory
{
    /// <summary>The session number reported in history replies (this kernel's only session).</summary>
    public const int SessionNumber = 1;

    private readonly Lock _lock = new();
    private readonly List<(int Line, string Input, string? Output)> _entries = [];

    public void Add(int line, string input)
    {
        lock (_lock) _entries.Add((line, input, null));
    }

    public void SetOutput(int line, string output)
    {
        lock (_lock)
        {
            var at = _entries.FindLastIndex(e => e.Line == line);
            if (at >= 0) _entries[at] = _entries[at] with { Output = output };
        }
    }

    public IReadOnlyList<(int Line, string Input, string? Output)> Snapshot()
    {
        lock (_lock) return [.. _entries];
    }
}
