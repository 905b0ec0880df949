namespace Mallard.DuckDb.Reading;

/// <summary>
/// A range that two threads take from its two ends at once (chunks of a result, bytes of a text buffer), held in one 64-bit word:
/// the front's next position in the high half, one past the back's last free position in the low half. Each take is one
/// compare-and-swap on that word.
/// </summary>
internal static class TwoEnds
{
    /// <summary>The word for a free range [<paramref name="front"/>, <paramref name="back"/>).</summary>
    public static long Of(int front, int back) => ((long)front << 32) | (uint)back;

    /// <summary>The start of the free range: where the front's next take begins.</summary>
    public static int Front(long ends) => (int)(ends >> 32);

    /// <summary>The end of the free range: where the back's next take ends.</summary>
    public static int Back(long ends) => (int)ends;

    /// <summary>How much of the range is still free.</summary>
    public static int Free(long ends) => Math.Max(0, Back(ends) - Front(ends));

    /// <summary>
    /// Takes <paramref name="count"/> positions from the front or the back of the free range; <paramref name="start"/> is the first
    /// of them. False, taking nothing, when fewer are free.
    /// </summary>
    public static bool TryTake(ref long ends, bool front, int count, out int start)
    {
        while (true)
        {
            var seen = Volatile.Read(ref ends);
            var first = Front(seen);
            var last = Back(seen);
            if (count > last - first)
            {
                start = -1;
                return false;
            }
            var taken = front ? Of(first + count, last) : Of(first, last - count);
            if (Interlocked.CompareExchange(ref ends, taken, seen) == seen)
            {
                start = front ? first : last - count;
                return true;
            }
        }
    }
}
