using System.Text;
using Mallard.Data;
using Mallard.Display.Internal;

namespace Mallard.Display.Tables;

/// <summary>
/// A frame as aligned plain text for terminals and logs: names, then types, then the head rows
/// (numbers right-aligned, NULL as <c>NULL</c>, line breaks and tabs shown as <c>\n</c> and <c>\t</c>,
/// long text cut with an ellipsis), then the same footer as the HTML table.
/// </summary>
public static class TextTable
{
    private const string Gap = "  ";

    public static string Render(Frame frame, DisplayOptions? options = null) => Render(frame, options, boxed: false);

    /// <summary>
    /// The same table; <paramref name="boxed"/> draws it in box-drawing lines, as the DuckDB command line's <c>box</c> mode
    /// does: a frame around it, a rule under the types, a bar between columns.
    /// </summary>
    public static string Render(Frame frame, DisplayOptions? options, bool boxed)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Render(new FormattedTable(frame), options, boxed);
    }

    /// <summary>The table with its columns' formats and labels; <paramref name="boxed"/> as for a frame.</summary>
    public static string Render(FormattedTable table, DisplayOptions? options = null, bool boxed = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= DisplayOptions.Default;
        options.Validate();
        var frame = table.Frame;
        var layout = TableLayout.Of(table, options, options.MaxCellChars);
        var columns = layout.ShownColumns;
        var rows = layout.ShownRows;

        var names = new string[columns];
        var types = new string[columns];
        var texts = new string[columns][];
        var widths = new int[columns];
        for (var c = 0; c < columns; c++)
        {
            names[c] = TextWidth.Fit(Visible(layout.Headers[c]), options.MaxTextWidth);
            types[c] = layout.ShowTypes ? TextWidth.Fit(frame[c].Type.Name, options.MaxTextWidth) : "";
            widths[c] = Math.Max(TextWidth.Of(names[c]), TextWidth.Of(types[c]));
            texts[c] = new string[rows];
            for (var r = 0; r < rows; r++)
            {
                var cell = layout.Cells[c][r];
                // A number is never cut: a shortened number would read as another number.
                var text = cell.IsNumber ? cell.Text : TextWidth.Fit(Visible(cell.Text), options.MaxTextWidth);
                texts[c][r] = text;
                widths[c] = Math.Max(widths[c], TextWidth.Of(text));
            }
        }

        var sb = new StringBuilder();
        if (columns > 0 && boxed)
        {
            Rule(sb, widths, '┌', '┬', '┐');
            BoxLine(sb, columns, c => names[c], widths, layout);
            if (layout.ShowTypes) BoxLine(sb, columns, c => types[c], widths, layout);
            Rule(sb, widths, '├', '┼', '┤');
            for (var r = 0; r < rows; r++)
            {
                var row = r;
                BoxLine(sb, columns, c => texts[c][row], widths, layout);
            }
            Rule(sb, widths, '└', '┴', '┘');
        }
        else if (columns > 0)
        {
            Line(sb, columns, c => names[c], widths, layout);
            if (layout.ShowTypes) Line(sb, columns, c => types[c], widths, layout);
            Line(sb, columns, c => new string('-', widths[c]), widths, layout);
            for (var r = 0; r < rows; r++)
            {
                var row = r;
                Line(sb, columns, c => texts[c][row], widths, layout);
            }
        }
        sb.Append(layout.Footer()).Append('\n');
        return sb.ToString();
    }

    private static void Rule(StringBuilder sb, int[] widths, char left, char between, char right)
    {
        sb.Append(left);
        for (var c = 0; c < widths.Length; c++)
        {
            if (c > 0) sb.Append(between);
            sb.Append('─', widths[c] + 2);
        }
        sb.Append(right).Append('\n');
    }

    private static void BoxLine(StringBuilder sb, int columns, Func<int, string> text, int[] widths, TableLayout layout)
    {
        sb.Append('│');
        for (var c = 0; c < columns; c++)
        {
            var value = text(c);
            var pad = widths[c] - TextWidth.Of(value);
            sb.Append(' ');
            if (layout.IsNumeric(c)) sb.Append(' ', pad).Append(value);
            else sb.Append(value).Append(' ', pad);
            sb.Append(" │");
        }
        sb.Append('\n');
    }

    private static void Line(StringBuilder sb, int columns, Func<int, string> text, int[] widths, TableLayout layout)
    {
        var start = sb.Length;
        for (var c = 0; c < columns; c++)
        {
            if (c > 0) sb.Append(Gap);
            var value = text(c);
            var pad = widths[c] - TextWidth.Of(value);
            if (layout.IsNumeric(c)) sb.Append(' ', pad).Append(value);
            else sb.Append(value).Append(' ', pad);
        }
        // No trailing spaces: logs and expected files stay clean.
        var end = sb.Length;
        while (end > start && sb[end - 1] == ' ') end--;
        sb.Length = end;
        sb.Append('\n');
    }

    private static string Visible(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001f')) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append("\\x").Append(((int)ch).ToString("X2", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }
}
