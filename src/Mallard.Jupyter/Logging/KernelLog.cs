using System.Globalization;
using System.Text;

namespace Mallard.Jupyter.Logging;

/// <summary>
/// The kernel's log: one line per event, appended to a file (never the process's stdout, which
/// Jupyter front ends may show or ignore). Thread-safe; a log that cannot be written is silently off.
/// </summary>
public sealed class KernelLog : IDisposable
{
    /// <summary>The environment variable that overrides the log file's location.</summary>
    public const string EnvironmentVariable = "MALLARD_KERNEL_LOG";

    private readonly Lock _lock = new();
    private readonly TextWriter? _writer;

    /// <summary>A log appending to <paramref name="path"/> (its directory is created).</summary>
    public KernelLog(string path)
    {
        Path = path;
        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            _writer = null;
        }
    }

    private KernelLog()
    {
        Path = "";
    }

    /// <summary>A log that writes nowhere.</summary>
    public static KernelLog None => new();

    /// <summary>The file written to (empty for <see cref="None"/>).</summary>
    public string Path { get; }

    /// <summary>
    /// Where the kernel logs unless told otherwise: <c>MALLARD_KERNEL_LOG</c>, else
    /// <c>$XDG_STATE_HOME/mallard/kernel.log</c> (<c>~/.local/state/mallard/kernel.log</c>) on Linux and macOS,
    /// <c>%LOCALAPPDATA%\mallard\kernel.log</c> on Windows.
    /// </summary>
    public static string DefaultPath
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(overridden)) return overridden;
            if (OperatingSystem.IsWindows())
                return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "mallard", "kernel.log");
            var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrWhiteSpace(state))
                state = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            return System.IO.Path.Combine(state, "mallard", "kernel.log");
        }
    }

    /// <summary>Something worth knowing happened.</summary>
    public void Info(string message) => Write("INFO", message);

    /// <summary>Something went wrong but the kernel carries on.</summary>
    public void Warning(string message) => Write("WARN", message);

    /// <summary>Something failed.</summary>
    public void Error(string message, Exception? exception = null)
        => Write("ERROR", exception is null ? message : message + ": " + exception);

    private void Write(string level, string message)
    {
        if (_writer is null) return;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} [{Environment.ProcessId}] {level} {message}");
        lock (_lock)
        {
            try
            {
                _writer.WriteLine(line);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A full disk or a closed log never stops the kernel.
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock) _writer?.Dispose();
    }
}
