using System.Globalization;
using Mallard.Display;
using Mallard.Engine;
using Mallard.Repl.Rendering;

namespace Mallard.Repl;

/// <summary>What one cell produces, rendered for the terminal (or a pipe) through the REPL's one writer.</summary>
internal sealed class ReplOutput : ICellOutput
{
    private readonly ReplConsole _console;

    private readonly Action _interrupt;
    private readonly Func<string?> _pager;

    /// <param name="console">Where everything goes.</param>
    /// <param name="interrupt">What Ctrl-C does while a cell waits for a line of input: interrupts it, as at any other time.</param>
    /// <param name="pager">The pager command for results larger than the screen, or null.</param>
    public ReplOutput(ReplConsole console, Action interrupt, Func<string?> pager)
    {
        _console = console;
        _interrupt = interrupt;
        _pager = pager;
    }

    /// <summary>True once the cell printed a result or a display.</summary>
    public bool ShowedSomething { get; private set; }

    public void Display(MimeBundle bundle, string? displayId = null) => Show(bundle);

    public void UpdateDisplay(MimeBundle bundle, string displayId) => Show(bundle);

    public void Stream(OutputStreamKind stream, string text)
    {
        text = TerminalText.Visible(text);
        if (stream == OutputStreamKind.Stderr) _console.Error(text, TerminalText.Yellow);
        else _console.Info(text);
    }

    public void Result(MimeBundle bundle) => Show(bundle);

    public void Progress(ProgressUpdate progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Done)
        {
            _console.Progress(null);
            return;
        }
        var seconds = progress.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        string bar;
        if (progress.Fraction is { } fraction)
        {
            const int width = 30;
            var filled = (int)Math.Round(fraction * width);
            bar = "[" + new string('█', filled) + new string('░', width - filled) + "] "
                + (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
        }
        else
        {
            var spin = "|/-\\"[(int)(progress.Elapsed.TotalMilliseconds / 250) % 4];
            bar = "[" + spin + "]";
        }
        var label = TerminalText.Visible(progress.Label).ReplaceLineEndings(" ");
        var line = $"{bar} {seconds} · Ctrl-C interrupts · {label}";
        var width2 = _console.Width;
        if (width2 > 0 && line.Length >= width2) line = line[..(width2 - 1)];
        _console.Progress(line);
    }

    public string? ReadLine(string prompt, bool password)
    {
        if (!_console.Interactive) return null;
        _console.Info(prompt);
        return _console.ReadLine(password, _interrupt, () => Console.ReadKey(intercept: true));
    }

    private void Show(MimeBundle bundle)
    {
        ShowedSomething = true;
        if (bundle[TerminalFormatter.PagedMimeType] is { } whole && _pager() is { } pager && _console.ResultFile is null && _console.IsTerminal
            && !_console.FitsScreen(whole) && _console.Page(pager, TerminalText.Visible(whole)))
            return;
        if (bundle[TerminalFormatter.MimeType] is { } rendered)
        {
            // Escape characters in data never reach a terminal as escapes; a file gets the data as it is.
            _console.Result(_console.ResultFile is null && _console.IsTerminal ? TerminalText.Visible(rendered) : rendered);
            return;
        }
        if (bundle[MimeTypes.Plotly] is { } plotly)
        {
            _console.Result(TerminalChart.Render(plotly, _console.Width));
            return;
        }
        var text = bundle[MimeTypes.PlainText] ?? "(" + string.Join(", ", bundle.MimeTypes) + ")";
        if (!text.EndsWith('\n')) text += "\n";
        _console.Result(TerminalText.Visible(text));
    }
}
