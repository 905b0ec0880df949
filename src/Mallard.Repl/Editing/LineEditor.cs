using System.Globalization;
using System.Text;
using Mallard.Engine;
using Mallard.Repl.Rendering;

namespace Mallard.Repl.Editing;

/// <summary>
/// Reads one (possibly multi-line) input at the terminal: Enter submits when the input is complete and otherwise
/// starts a new line; history on Up/Down and Ctrl-R (reverse search); Tab completion; colours as you type. The
/// whole input is redrawn after each key, relative to where the cursor was, so wrapped and multi-line input stay right.
/// </summary>
internal sealed class LineEditor
{
    private const string Esc = "\u001b";
    private const int MaxListed = 60;
    private readonly ReplConsole _console;
    private readonly History _history;
    private readonly Func<ConsoleKeyInfo> _readKey;
    private readonly StringBuilder _text = new();
    private int _cursor;
    private int _row;
    private string _prompt = "";
    private string _continuation = "";
    private string? _promptStyle;
    private int _historyIndex;
    private string _draft = "";

    public LineEditor(ReplConsole console, History history, Func<ConsoleKeyInfo> readKey)
    {
        _console = console;
        _history = history;
        _readKey = readKey;
    }

    /// <summary>Whether Enter should submit the text (true) or start a new line.</summary>
    public Func<string, bool> IsComplete { get; init; } = _ => true;

    /// <summary>Completions for the text at a cursor position.</summary>
    public Func<string, int, CompletionResult> Complete { get; init; } = (_, p) => CompletionResult.None(p);

    /// <summary>The colour of each character of the text.</summary>
    public Func<string, string?[]> Styles { get; init; } = t => new string?[t.Length];

    /// <summary>
    /// Reads an input. Returns null at end of input (Ctrl-D on an empty line), the empty string when the user
    /// abandons the line (Ctrl-C), otherwise the text (added to the history).
    /// </summary>
    public string? Read(string prompt, string continuation, string? promptStyle)
    {
        _prompt = prompt;
        _continuation = continuation;
        _promptStyle = promptStyle;
        _text.Clear();
        _cursor = 0;
        _row = 0;
        _historyIndex = _history.Entries.Count;
        _draft = "";
        Render();
        ConsoleKeyInfo? pending = null;
        while (true)
        {
            var key = pending ?? _readKey();
            pending = null;
            var ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
            if (IsControl(key, 'C'))
            {
                _cursor = _text.Length;
                Render();
                _console.Terminal("^C\r\n");
                return "";
            }
            if (IsControl(key, 'D'))
            {
                if (_text.Length == 0)
                {
                    _console.Terminal("\r\n");
                    return null;
                }
                if (_cursor < _text.Length) _text.Remove(_cursor, 1);
            }
            else if (IsControl(key, 'R'))
            {
                var outcome = ReverseSearch();
                if (outcome is { } next) pending = next;
                continue;
            }
            else if (key.Key == ConsoleKey.Enter && !ctrl)
            {
                var text = _text.ToString();
                if (IsComplete(text))
                {
                    _cursor = _text.Length;
                    Render();
                    _console.Terminal("\r\n");
                    _row = 0;
                    _history.Add(text.TrimEnd());
                    return text;
                }
                Insert("\n");
            }
            else if (key.Key == ConsoleKey.Tab)
            {
                Completion();
                continue;
            }
            else if (key.Key == ConsoleKey.Backspace || IsControl(key, 'H'))
            {
                if (_cursor > 0)
                {
                    _text.Remove(_cursor - 1, 1);
                    _cursor--;
                }
            }
            else if (key.Key == ConsoleKey.Delete)
            {
                if (_cursor < _text.Length) _text.Remove(_cursor, 1);
            }
            else if (key.Key == ConsoleKey.LeftArrow || IsControl(key, 'B'))
            {
                if (_cursor > 0) _cursor--;
            }
            else if (key.Key == ConsoleKey.RightArrow || IsControl(key, 'F'))
            {
                if (_cursor < _text.Length) _cursor++;
            }
            else if (key.Key == ConsoleKey.Home || IsControl(key, 'A'))
            {
                _cursor = LineStart(_cursor);
            }
            else if (key.Key == ConsoleKey.End || IsControl(key, 'E'))
            {
                _cursor = LineEnd(_cursor);
            }
            else if (key.Key == ConsoleKey.UpArrow || IsControl(key, 'P'))
            {
                if (key.Key == ConsoleKey.UpArrow && LineStart(_cursor) > 0) MoveLine(-1);
                else HistoryMove(-1);
            }
            else if (key.Key == ConsoleKey.DownArrow || IsControl(key, 'N'))
            {
                if (key.Key == ConsoleKey.DownArrow && LineEnd(_cursor) < _text.Length) MoveLine(+1);
                else HistoryMove(+1);
            }
            else if (IsControl(key, 'K'))
            {
                _text.Remove(_cursor, LineEnd(_cursor) - _cursor);
            }
            else if (IsControl(key, 'U'))
            {
                var start = LineStart(_cursor);
                _text.Remove(start, _cursor - start);
                _cursor = start;
            }
            else if (IsControl(key, 'W'))
            {
                var start = _cursor;
                while (start > 0 && char.IsWhiteSpace(_text[start - 1])) start--;
                while (start > 0 && !char.IsWhiteSpace(_text[start - 1])) start--;
                _text.Remove(start, _cursor - start);
                _cursor = start;
            }
            else if (IsControl(key, 'L'))
            {
                _console.Terminal(Esc + "[H" + Esc + "[2J");
                _row = 0;
            }
            else if (!ctrl && key.KeyChar >= ' ' && key.KeyChar != '\u007f')
            {
                Insert(key.KeyChar.ToString());
            }
            Render();
        }
    }

    private static bool IsControl(ConsoleKeyInfo key, char letter) =>
        key.KeyChar == letter - '@' || ((key.Modifiers & ConsoleModifiers.Control) != 0 && key.Key == (ConsoleKey)letter);

    private void Insert(string s)
    {
        _text.Insert(_cursor, s);
        _cursor += s.Length;
    }

    private int LineStart(int position)
    {
        while (position > 0 && _text[position - 1] != '\n') position--;
        return position;
    }

    private int LineEnd(int position)
    {
        while (position < _text.Length && _text[position] != '\n') position++;
        return position;
    }

    private void MoveLine(int direction)
    {
        var column = _cursor - LineStart(_cursor);
        if (direction < 0)
        {
            var previousEnd = LineStart(_cursor) - 1;
            var previousStart = LineStart(previousEnd);
            _cursor = Math.Min(previousStart + column, previousEnd);
        }
        else
        {
            var nextStart = LineEnd(_cursor) + 1;
            _cursor = Math.Min(nextStart + column, LineEnd(nextStart));
        }
    }

    private void HistoryMove(int direction)
    {
        var entries = _history.Entries;
        var target = _historyIndex + direction;
        if (target < 0 || target > entries.Count) return;
        if (_historyIndex == entries.Count) _draft = _text.ToString();
        _historyIndex = target;
        _text.Clear().Append(target == entries.Count ? _draft : entries[target]);
        _cursor = _text.Length;
    }

    /// <summary>Ctrl-R: search the history backwards as the user types. Returns a key to handle normally when one ends the search.</summary>
    private ConsoleKeyInfo? ReverseSearch()
    {
        var original = _text.ToString();
        var originalCursor = _cursor;
        var entries = _history.Entries;
        var query = "";
        var match = -1;
        var failed = false;

        void Find(int from)
        {
            for (var i = Math.Min(from, entries.Count - 1); i >= 0; i--)
            {
                var at = entries[i].IndexOf(query, StringComparison.OrdinalIgnoreCase);
                if (at < 0) continue;
                match = i;
                failed = false;
                _text.Clear().Append(entries[i]);
                _cursor = at;
                return;
            }
            failed = true;
        }

        while (true)
        {
            Render((failed ? "(failed reverse-i-search)`" : "(reverse-i-search)`") + query + "': ");
            var key = _readKey();
            if (IsControl(key, 'R'))
            {
                if (query.Length > 0) Find(match < 0 ? entries.Count - 1 : match - 1);
            }
            else if (key.Key == ConsoleKey.Backspace)
            {
                if (query.Length > 0) query = query[..^1];
                match = -1;
                if (query.Length > 0) Find(entries.Count - 1);
            }
            else if (IsControl(key, 'C') || IsControl(key, 'G') || key.Key == ConsoleKey.Escape)
            {
                _text.Clear().Append(original);
                _cursor = originalCursor;
                Render();
                return null;
            }
            else if (!IsControl(key, 'J') && key.Key != ConsoleKey.Enter && (key.Modifiers & ConsoleModifiers.Control) == 0 && key.KeyChar >= ' ' && key.KeyChar != '\u007f')
            {
                query += key.KeyChar;
                Find(match < 0 ? entries.Count - 1 : match);
            }
            else
            {
                // Any other key takes the match into the editor and then does what it always does.
                _historyIndex = entries.Count;
                Render();
                return key;
            }
        }
    }

    private void Completion()
    {
        var text = _text.ToString();
        CompletionResult result;
        try
        {
            result = Complete(text, _cursor);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return;
        }
        var items = result.Items.Select(i => i.Text).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (items.Count == 0) return;
        var start = Math.Clamp(result.Start, 0, _cursor);
        var end = Math.Clamp(result.End, _cursor, text.Length);
        var typed = text[start.._cursor];
        // The engine's suggestions may be fuzzy; those that start with what was typed come first, and alone when there are any.
        var prefixed = items.Where(i => i.StartsWith(typed, StringComparison.OrdinalIgnoreCase)
            || (i.StartsWith('"') && i[1..].StartsWith(typed, StringComparison.OrdinalIgnoreCase))).ToList();
        if (prefixed.Count > 0) items = prefixed;
        string replacement;
        if (items.Count == 1)
        {
            replacement = items[0];
        }
        else
        {
            replacement = CommonPrefix(items);
            if (replacement.Length <= typed.Length || !replacement.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            {
                ShowCandidates(items);
                return;
            }
        }
        _text.Remove(start, end - start).Insert(start, replacement);
        _cursor = start + replacement.Length;
        Render();
    }

    private static string CommonPrefix(List<string> items)
    {
        var prefix = items[0];
        foreach (var item in items.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < item.Length && char.ToUpperInvariant(prefix[n]) == char.ToUpperInvariant(item[n])) n++;
            prefix = prefix[..n];
        }
        return prefix;
    }

    private void ShowCandidates(List<string> items)
    {
        var cursor = _cursor;
        _cursor = _text.Length;
        Render();
        _cursor = cursor;
        var width = Math.Max(20, _console.Width);
        var shown = items.Take(MaxListed).ToList();
        var cell = Math.Min(width, shown.Max(TerminalText.Width) + 2);
        var perLine = Math.Max(1, width / cell);
        var sb = new StringBuilder("\r\n");
        for (var i = 0; i < shown.Count; i++)
        {
            var item = TerminalText.Visible(shown[i]);
            sb.Append(item);
            if ((i + 1) % perLine == 0 || i == shown.Count - 1) sb.Append("\r\n");
            else sb.Append(' ', cell - TerminalText.Width(item));
        }
        if (items.Count > shown.Count) sb.Append(CultureInfo.InvariantCulture, $"… and {items.Count - shown.Count} more\r\n");
        _console.Terminal(sb.ToString());
        _row = 0;
        Render();
    }

    /// <summary>Redraws the prompt and the whole input, then puts the cursor where it belongs.</summary>
    private void Render(string? promptOverride = null)
    {
        var width = Math.Max(10, _console.Width);
        var text = _text.ToString();
        var styles = _console.Colour ? Styles(text) : null;
        var sb = new StringBuilder();
        if (_row > 0) sb.Append(CultureInfo.InvariantCulture, $"{Esc}[{_row}A");
        sb.Append('\r').Append(Esc).Append("[J");
        var lines = text.Split('\n');
        int row = 0, offset = 0, cursorRow = 0, cursorCol = 0, endRow = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var prompt = i == 0 ? promptOverride ?? _prompt : _continuation;
            if (_console.Colour && _promptStyle is not null) sb.Append(_promptStyle).Append(prompt).Append(TerminalText.Reset);
            else sb.Append(prompt);
            var line = lines[i];
            string? current = null;
            for (var k = 0; k < line.Length; k++)
            {
                var style = styles?[offset + k];
                if (!ReferenceEquals(style, current) && style != current)
                {
                    sb.Append(TerminalText.Reset);
                    if (style is not null) sb.Append(style);
                    current = style;
                }
                var ch = line[k];
                sb.Append(ch < ' ' ? '?' : ch);
            }
            if (current is not null) sb.Append(TerminalText.Reset);
            var promptWidth = TerminalText.Width(prompt);
            var lineWidth = promptWidth + TerminalText.Width(line);
            if (_cursor >= offset && _cursor <= offset + line.Length)
            {
                var column = promptWidth + TerminalText.Width(line[..(_cursor - offset)]);
                cursorRow = row + column / width;
                cursorCol = column % width;
            }
            if (i < lines.Length - 1)
            {
                sb.Append("\r\n");
                row += Math.Max(1, (lineWidth + width - 1) / width);
            }
            else
            {
                endRow = row + lineWidth / width;
                // At the exact end of a row the terminal waits to wrap: make it wrap, so rows are where we count them.
                if (lineWidth > 0 && lineWidth % width == 0) sb.Append(" \r");
            }
            offset += line.Length + 1;
        }
        if (endRow > cursorRow) sb.Append(CultureInfo.InvariantCulture, $"{Esc}[{endRow - cursorRow}A");
        sb.Append('\r');
        if (cursorCol > 0) sb.Append(CultureInfo.InvariantCulture, $"{Esc}[{cursorCol}C");
        _row = cursorRow;
        _console.Terminal(sb.ToString());
    }
}
