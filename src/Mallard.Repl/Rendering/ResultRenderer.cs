using System.Globalization;
using System.Text;
using Mallard.Data;
using Mallard.Display;
using Mallard.Display.Tables;

namespace Mallard.Repl.Rendering;

/// <summary>Turns a result frame into text for one <see cref="OutputMode"/>. Plain text: no colour, no markup, data printed as itself.</summary>
public static class ResultRenderer
{
    private const string NullText = "NULL";

    /// <summary>
    /// The frame as text. <paramref name="maxRows"/> bounds table mode (0: every row); <paramref name="width"/> is the
    /// terminal's width, which a table leaves columns out to fit (0: no limit).
    /// </summary>
    /// <param name="frame">The result.</param>
    /// <param name="mode">How it prints.</param>
    /// <param name="maxRows">Rows a table shows (0: all).</param>
    /// <param name="width">The terminal's width, or 0 for no limit.</param>
    /// <param name="whole">For a pager: text columns as wide as their values (up to the cell limit), not cut at 40 characters.</param>
    public static string Render(Frame frame, OutputMode mode, int maxRows, int width, bool whole = false)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Render(new FormattedTable(frame), mode, maxRows, width, whole);
    }

    /// <summary>The same, with the columns' formats and labels in the modes that print a table (the data modes write the values themselves).</summary>
    public static string Render(FormattedTable table, OutputMode mode, int maxRows, int width, bool whole = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var frame = table.Frame;
        return mode switch
        {
            OutputMode.Csv => frame.ToCsv(),
            OutputMode.Json => Json(frame),
            OutputMode.Markdown => Markdown(frame),
            OutputMode.Line => Lines(frame),
            OutputMode.Box => Table(table, maxRows, width, boxed: true, whole),
            _ => Table(table, maxRows, width, false, whole),
        };
    }

    /// <summary>Display's text table; when it is wider than <paramref name="width"/>, the last columns are left out (the footer says so).</summary>
    public static string Table(Frame frame, int maxRows, int width, bool boxed = false, bool whole = false) =>
        Table(new FormattedTable(frame), maxRows, width, boxed, whole);

    private static string Table(FormattedTable table, int maxRows, int width, bool boxed, bool whole)
    {
        var frame = table.Frame;
        var options = DisplayOptions.Default with { MaxRows = maxRows == 0 ? int.MaxValue : maxRows };
        if (whole) options = options with { MaxTextWidth = options.MaxCellChars };
        var text = TextTable.Render(table, options, boxed);
        if (width <= 0) return text;
        var columns = frame.ColumnCount;
        while (columns > 1 && Widest(text) > width)
        {
            columns--;
            text = TextTable.Render(table, options with { MaxColumns = columns }, boxed);
        }
        return text;
    }

    private static int Widest(string text)
    {
        var widest = 0;
        foreach (var line in text.Split('\n')) widest = Math.Max(widest, TerminalText.Width(line));
        return widest;
    }

    /// <summary>One JSON object per row and line; text stays as itself (only quotes, backslashes and control characters are escaped).</summary>
    private static string Json(Frame frame)
    {
        var sb = new StringBuilder("[");
        for (var r = 0; r < frame.RowCount; r++)
        {
            if (r > 0) sb.Append(",\n");
            sb.Append('{');
            for (var c = 0; c < frame.ColumnCount; c++)
            {
                if (c > 0) sb.Append(',');
                JsonString(sb, frame[c].Name);
                sb.Append(':');
                JsonValue(sb, frame[c], r);
            }
            sb.Append('}');
        }
        return sb.Append(frame.RowCount > 0 ? "\n]\n" : "]\n").ToString();
    }

    private static void JsonValue(StringBuilder sb, Column column, int row)
    {
        if (column.IsNull(row))
        {
            sb.Append("null");
            return;
        }
        var value = column.GetValue(row);
        switch (value)
        {
            case bool b:
                sb.Append(b ? "true" : "false");
                return;
            case double d when double.IsFinite(d):
                sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                return;
            case float f when float.IsFinite(f):
                sb.Append(f.ToString("R", CultureInfo.InvariantCulture));
                return;
            case sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128:
                sb.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                return;
        }
        if (column is DecimalColumn)
        {
            sb.Append(ValueText.Format(column, row));
            return;
        }
        JsonString(sb, ValueText.Format(column, row));
    }

    private static void JsonString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ' or '\u007f' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(ch); break;
            }
        }
        sb.Append('"');
    }

    private static string Markdown(Frame frame)
    {
        var sb = new StringBuilder();
        if (frame.ColumnCount == 0) return "";
        sb.Append('|');
        foreach (var column in frame.Columns) sb.Append(' ').Append(MarkdownCell(column.Name)).Append(" |");
        sb.Append('\n').Append('|');
        foreach (var column in frame.Columns) sb.Append(column.Type.IsNumeric ? " ---: |" : " --- |");
        sb.Append('\n');
        for (var r = 0; r < frame.RowCount; r++)
        {
            sb.Append('|');
            foreach (var column in frame.Columns)
                sb.Append(' ').Append(column.IsNull(r) ? NullText : MarkdownCell(ValueText.Format(column, r))).Append(" |");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string MarkdownCell(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r\n", "<br>", StringComparison.Ordinal)
            .Replace("\n", "<br>", StringComparison.Ordinal);

    private static string Lines(Frame frame)
    {
        var sb = new StringBuilder();
        var nameWidth = frame.Columns.Select(c => TerminalText.Width(c.Name)).DefaultIfEmpty(0).Max();
        for (var r = 0; r < frame.RowCount; r++)
        {
            if (r > 0) sb.Append('\n');
            foreach (var column in frame.Columns)
            {
                sb.Append(' ', nameWidth - TerminalText.Width(column.Name)).Append(column.Name).Append(" = ")
                  .Append(column.IsNull(r) ? NullText : ValueText.Format(column, r)).Append('\n');
            }
        }
        return sb.ToString();
    }
}
