using System.Text;

namespace Mallard.Repl.Editing;

/// <summary>
/// Entered commands, oldest first, kept across runs in a file: one entry per line, with backslashes and line breaks
/// escaped so multi-line entries survive. Each entry is appended as it is entered, so two REPLs do not lose each other's.
/// </summary>
internal sealed class History
{
    private const int MaxEntries = 2000;
    private readonly List<string> _entries = [];
    private readonly string? _path;

    public History(string? path)
    {
        _path = path;
        if (path is null || !File.Exists(path)) return;
        try
        {
            foreach (var line in File.ReadAllLines(path, Encoding.UTF8))
            {
                if (line.Length > 0) _entries.Add(Decode(line));
            }
            if (_entries.Count > MaxEntries)
            {
                _entries.RemoveRange(0, _entries.Count - MaxEntries);
                File.WriteAllLines(path, _entries.Select(Encode), new UTF8Encoding(false));
            }
        }
        catch (IOException)
        {
            // A history that cannot be read is a lost convenience, not a reason to stop.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The default history file: <c>mallard/repl_history</c> in the user's data directory (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux).</summary>
    public static string DefaultPath() =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "mallard", "repl_history");

    public IReadOnlyList<string> Entries => _entries;

    public string? FilePath => _path;

    public void Add(string entry)
    {
        if (entry.Trim().Length == 0) return;
        if (_entries.Count > 0 && _entries[^1] == entry) return;
        _entries.Add(entry);
        if (_path is null) return;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
            File.AppendAllText(_path, Encode(entry) + "\n", new UTF8Encoding(false));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static string Encode(string entry) =>
        entry.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string Decode(string line)
    {
        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                var next = line[++i];
                sb.Append(next == 'n' ? '\n' : next);
            }
            else
            {
                sb.Append(line[i]);
            }
        }
        return sb.ToString();
    }
}
