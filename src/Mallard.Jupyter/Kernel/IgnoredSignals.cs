using System.Runtime.InteropServices;

namespace Mallard.Jupyter.Kernel;

/// <summary>
/// Undoes an ignored signal the kernel was started with. A POSIX shell starts a command put in the background
/// (<c>cmd &amp;</c>, without job control, as in a script) with SIGINT and SIGQUIT ignored, and a process inherits what
/// its parent ignores: a Jupyter server started that way starts kernels that ignore SIGINT. .NET then installs no handler
/// for it, so <see cref="PosixSignalRegistration"/> never hears of the signal and a front end's signal interrupt is lost
/// without a word. The kernel restores the default before it registers, so that its own handler is installed.
/// </summary>
internal static class IgnoredSignals
{
    private const int SigIgn = 1;

    /// <summary>What <c>struct sigaction</c> takes at most on the platforms served (152 bytes on Linux, 16 on macOS); the handler comes first in both.</summary>
    private const int SigactionSize = 256;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    private delegate int SigactionFunction(int signal, IntPtr action, IntPtr previous);

    /// <summary>
    /// Sets <paramref name="signal"/> back to its default action if it is ignored. True when it was; false when it was not,
    /// for a signal other than SIGINT and SIGTERM, or on a platform without POSIX signals.
    /// </summary>
    public static bool StopIgnoring(PosixSignal signal)
    {
        if (Number(signal) is not { } number || Sigaction() is not { } sigaction) return false;
        var previous = Marshal.AllocHGlobal(SigactionSize);
        var action = Marshal.AllocHGlobal(SigactionSize);
        try
        {
            Clear(previous);
            if (sigaction(number, IntPtr.Zero, previous) != 0 || Marshal.ReadIntPtr(previous) != SigIgn) return false;
            // All zero: the default action (SIG_DFL is 0), nothing blocked while it runs, no flags.
            Clear(action);
            return sigaction(number, action, IntPtr.Zero) == 0;
        }
        finally
        {
            Marshal.FreeHGlobal(action);
            Marshal.FreeHGlobal(previous);
        }
    }

    /// <summary>The signal's number (Linux and macOS agree on these two), else null.</summary>
    private static int? Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGTERM => 15,
        _ => null,
    };

    private static void Clear(IntPtr buffer)
    {
        for (var i = 0; i < SigactionSize; i += sizeof(long)) Marshal.WriteInt64(buffer, i, 0);
    }

    private static SigactionFunction? Sigaction()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return null;
        // The C library is loaded already: the program's global symbols hold its sigaction, whichever C library it is.
        return NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "sigaction", out var export)
            ? Marshal.GetDelegateForFunctionPointer<SigactionFunction>(export)
            : null;
    }
}
