using System.Runtime.InteropServices;

namespace Mallard.DuckDb.Reading;

/// <summary>
/// Allocates the buffers a result is read into. Every element is written before it is read, so they are
/// not zeroed first; and on Linux a large one is marked for transparent huge pages before anything touches
/// it, so the kernel backs it with 2 MiB pages, one page fault per 2 MiB instead of one per 4 KiB (a
/// 40 MB column: about 20 faults instead of about 10,000). The mark is a hint: where huge pages are off,
/// or the call is refused, or the system is not Linux, nothing changes but speed.
/// </summary>
internal static unsafe class ColumnMemory
{
    /// <summary>Buffers smaller than this are left alone: they hold too few whole huge pages to matter.</summary>
    internal const long HugePageThreshold = 8L << 20;

    private const nuint HugePageSize = 2u << 20;
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE

    private static readonly delegate* unmanaged<nint, nuint, int, int> s_madvise = FindMadvise();

    /// <summary>True when the large-buffer hint can be given on this system.</summary>
    internal static bool CanAdviseHugePages => s_madvise != null;

    /// <summary>An array of <paramref name="length"/> elements whose contents are unspecified: the caller writes every element it reads.</summary>
    public static T[] Allocate<T>(int length)
        where T : unmanaged
    {
        var array = GC.AllocateUninitializedArray<T>(length);
        if ((long)length * sizeof(T) >= HugePageThreshold) AdviseHugePages(array);
        return array;
    }

    /// <summary>
    /// Asks for huge pages over the whole 2 MiB pages inside <paramref name="array"/>. Large arrays live on
    /// the large object heap, which the GC does not move unless asked to compact it; were it ever moved, the
    /// hint would only have applied to memory the array no longer uses, which is harmless.
    /// </summary>
    private static void AdviseHugePages<T>(T[] array)
        where T : unmanaged
    {
        if (s_madvise == null) return;
        fixed (T* first = array)
        {
            var start = (nuint)first;
            var end = start + (nuint)array.Length * (nuint)sizeof(T);
            var alignedStart = (start + HugePageSize - 1) & ~(HugePageSize - 1);
            var alignedEnd = end & ~(HugePageSize - 1);
            if (alignedEnd > alignedStart) _ = s_madvise((nint)alignedStart, alignedEnd - alignedStart, MadviseHugePage);
        }
    }

    private static delegate* unmanaged<nint, nuint, int, int> FindMadvise()
    {
        if (!OperatingSystem.IsLinux()) return null;
        foreach (var name in (string[])["libc.so.6", "libc"])
        {
            if (NativeLibrary.TryLoad(name, out var libc) && NativeLibrary.TryGetExport(libc, "madvise", out var madvise))
                return (delegate* unmanaged<nint, nuint, int, int>)madvise;
        }
        return null;
    }
}
