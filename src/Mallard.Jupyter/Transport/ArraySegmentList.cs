using System.Collections;

namespace Mallard.Jupyter.Transport;

/// <summary>A read-only view of a list from an offset, without copying.</summary>
internal sealed class ArraySegmentList(IReadOnlyList<ReadOnlyMemory<byte>> inner, int offset) : IReadOnlyList<ReadOnlyMemory<byte>>
{
    public ReadOnlyMemory<byte> this[int index] => inner[offset + index];

    public int Count => inner.Count - offset;

    public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
    {
        for (var i = offset; i < inner.Count; i++) yield return inner[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
