using System.Text;
using Mallard.Repl.Rendering;

namespace Mallard.Repl;

/// <summary>
/// The one writer everything the REPL prints goes through: results (which <c>.output</c> and <c>.once</c> can send
/// to a file), messages, errors, the line editor's drawing and the progress line. A lock keeps the progress line,
/// which the engine reports from a timer thread, from interleaving with anything else.
/// </summary>
internal sealed class ReplConsole : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private TextWriter? _file;
    private string? _filePath;
    private bool _once;
    private bool _onceWritten;
    private bool _progressShown;

    public ReplConsole(TextWriter stdout, TextWriter stderr, bool interactive, bool isTerminal, bool colour)
    {
        _out = stdout;
        _err = stderr;
        Interactive = interactive;
        IsTerminal = isTerminal;
        Colour = colour && isTerminal;
    }

    /// <summary>True when a person is typing at a terminal: prompts, line editing, progress.</summary>
    public bool Interactive { get; }

    /// <summary>True when standard output is a terminal: tables fit its width, progress is drawn.</summary>
    public bool IsTerminal { get; }

    /// <summary>True when colours may be written (a terminal, and <c>NO_COLOR</c> not set).</summary>
    public bool Colour { get; }

    /// <summary>The terminal's width in columns, or 0 when output is not a terminal (no limit).</summary>
    public int Width
    {
        get
        {
            if (!IsTerminal) return 0;
            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
            }
            catch (IOException)
            {
                return 80;
            }
        }
    }

    /// <summary>Where results go now: a file path, or null for standard output.</summary>
    public string? ResultFile => _filePath;

    /// <summary>Sends results to <paramref name="path"/> (created or replaced) until the next <c>.output</c>, or for one command.</summary>
    public void RedirectResults(string? path, bool once)
    {
        lock (_lock)
        {
            CloseFile();
            if (path is null) return;
            _file = new StreamWriter(path, append: false, new UTF8Encoding(false));
            _filePath = path;
            _once = once;
            _onceWritten = false;
        }
    }

    /// <summary>Ends a command: a <c>.once</c> file is closed after the first command that wrote results to it.</summary>
    public void CommandDone()
    {
        lock (_lock)
        {
            if (_once && _onceWritten) CloseFile();
        }
    }

    /// <summary>Data: a table, CSV, a C# value, a chart. Goes to the <c>.output</c> file when there is one.</summary>
    public void Result(string text)
    {
        lock (_lock)
        {
            if (_file is not null)
            {
                _onceWritten = true;
                _file.Write(text);
                _file.Flush();
                return;
            }
            ClearProgressLocked();
            _out.Write(text);
            _out.Flush();
        }
    }

    /// <summary>What a cell wrote to its standard output, and the REPL's own messages.</summary>
    public void Info(string text, string? style = null)
    {
        lock (_lock)
        {
            ClearProgressLocked();
            _out.Write(Styled(text, style));
            _out.Flush();
        }
    }

    /// <summary>Errors and a cell's standard error.</summary>
    public void Error(string text, string? style = TerminalText.Red)
    {
        lock (_lock)
        {
            ClearProgressLocked();
            _out.Flush();
            _err.Write(Styled(text, style));
            _err.Flush();
        }
    }

    /// <summary>
    /// A line typed for a running cell's <c>Console.ReadLine()</c>, echoed as it is typed (not for a password). Ctrl-C calls
    /// <paramref name="interrupt"/> and gives null, as Ctrl-D on an empty line does (the end of input): a cell waiting for
    /// input stops like any other, and nothing is left reading the terminal afterwards.
    /// </summary>
    public string? ReadLine(bool password, Action interrupt, Func<ConsoleKeyInfo> readKey)
    {
        var line = new StringBuilder();
        var treatControlC = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            while (true)
            {
                var key = readKey();
                if (key.KeyChar == '\u0003' || ((key.Modifiers & ConsoleModifiers.Control) != 0 && key.Key == ConsoleKey.C))
                {
                    Terminal("^C\r\n");
                    interrupt();
                    return null;
                }
                if ((key.KeyChar == '\u0004' || ((key.Modifiers & ConsoleModifiers.Control) != 0 && key.Key == ConsoleKey.D)) && line.Length == 0)
                {
                    Terminal("\r\n");
                    return null;
                }
                if (key.Key == ConsoleKey.Enter || key.KeyChar is '\r' or '\n')
                {
                    Terminal("\r\n");
                    return line.ToString();
                }
                if (key.Key == ConsoleKey.Backspace || key.KeyChar == '\u007f')
                {
                    if (line.Length == 0) continue;
                    line.Length--;
                    if (!password) Terminal("\b \b");
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    line.Append(key.KeyChar);
                    if (!password) Terminal(key.KeyChar.ToString());
                }
            }
        }
        finally
        {
            Console.TreatControlCAsInput = treatControlC;
        }
    }

    /// <summary>True when <paramref name="text"/> fits the terminal: no wider than it, and a few lines shorter than it.</summary>
    public bool FitsScreen(string text)
    {
        int height;
        try
        {
            height = Console.WindowHeight;
        }
        catch (IOException)
        {
            height = 24;
        }
        var lines = text.TrimEnd('\n').Split('\n');
        return lines.Length <= Math.Max(1, height - 2) && lines.All(l => TerminalText.Width(l) <= Width);
    }

    /// <summary>
    /// Shows <paramref name="text"/> through <paramref name="command"/> (run by the shell, reading the text on its standard
    /// input and drawing on the terminal) and waits for the user to leave it. False, with a message, when it cannot start.
    /// </summary>
    public bool Page(string command, string text)
    {
        lock (_lock)
        {
            ClearProgressLocked();
            _out.Flush();
            try
            {
                var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, UseShellExecute = false };
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add(command);
                using var pager = System.Diagnostics.Process.Start(start)!;
                try
                {
                    pager.StandardInput.Write(text);
                    pager.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The user left the pager before it read everything.
                }
                pager.WaitForExit();
                if (pager.ExitCode != 127) return true;
                // The shell found no such command (install less, or set .pager to another).
                _err.Write(Styled($"The pager '{command}' was not found (install less, or give another with .pager COMMAND); showing the result here.\n", TerminalText.Yellow));
                return false;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                _err.Write(Styled($"The pager '{command}' could not start ({e.Message}); showing the result here.\n", TerminalText.Yellow));
                return false;
            }
        }
    }

    /// <summary>The line editor's output, escape sequences included (interactive only).</summary>
    public void Terminal(string raw)
    {
        lock (_lock)
        {
            _out.Write(raw);
            _out.Flush();
        }
    }

    /// <summary>Draws (or with null, clears) the one-line progress display on standard error; terminals only.</summary>
    public void Progress(string? line)
    {
        if (!Interactive || !IsTerminal) return;
        lock (_lock)
        {
            if (line is null)
            {
                ClearProgressLocked();
                return;
            }
            _err.Write("\r" + TerminalText.ClearLine + line);
            _err.Flush();
            _progressShown = true;
        }
    }

    private void ClearProgressLocked()
    {
        if (!_progressShown) return;
        _err.Write("\r" + TerminalText.ClearLine);
        _err.Flush();
        _progressShown = false;
    }

    private string Styled(string text, string? style) =>
        Colour && style is not null && text.Length > 0 ? style + text.TrimEnd('\n') + TerminalText.Reset + new string('\n', text.Length - text.TrimEnd('\n').Length) : text;

    private void CloseFile()
    {
        _file?.Dispose();
        _file = null;
        _filePath = null;
        _once = false;
    }

    public void Dispose()
    {
        lock (_lock) CloseFile();
    }
}
