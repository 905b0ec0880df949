using System.Globalization;
using Mallard.Data;
using Mallard.Display;
using Mallard.Engine;
using Mallard.Repl.Rendering;

namespace Mallard.Repl;

/// <summary>What one cell produces, rendered for the terminal (or a pipe) through the REPL's one writer.</summary>
internal sealed class ReplOutput : ICellOutput
{
    private readonly ReplConsole _console;
    private readonly ReplSettings _settings;

    public ReplOutput(ReplConsole console, ReplSettings settings)
    {
        _console = console;
        _settings = settings;
    }

    /// <summary>True once the cell printed a result or a display.</summary>
    public bool ShowedSomething { get; private set; }

    public void Display(MimeBundle bundle, string? displayId = null) => Show(bundle, null);

    /// <summary>A display with the value it was formatted from: a Frame prints in the current <c>.mode</c>.</summary>
    public void Display(MimeBundle bundle, string? displayId, object? value) => Show(bundle, value);

    public void UpdateDisplay(MimeBundle bundle, string displayId) => Show(bundle, null);

    public void Stream(OutputStreamKind stream, string text)
    {
        text = TerminalText.Visible(text);
        if (stream == OutputStreamKind.Stderr) _console.Error(text, TerminalText.Yellow);
        else _console.Info(text);
    }

    public void Result(MimeBundle bundle) => Show(bundle, null);

    /// <summary>The result with the value it was formatted from: a Frame prints in the current <c>.mode</c>.</summary>
    public void Result(MimeBundle bundle, object? value) => Show(bundle, value);

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
        return Console.ReadLine();
    }

    private void Show(MimeBundle bundle, object? value)
    {
        ShowedSomething = true;
        if (value is Frame frame)
        {
            var toScreen = _console.ResultFile is null;
            var rendered = ResultRenderer.Render(frame, _settings.Mode, _settings.MaxRows, toScreen ? _console.Width : 0);
            // Escape characters in data never reach a terminal as escapes; a file gets the data as it is.
            _console.Result(toScreen && _console.IsTerminal ? TerminalText.Visible(rendered) : rendered);
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
