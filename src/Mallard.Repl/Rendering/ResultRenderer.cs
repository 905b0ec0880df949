using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mallard.Data;
using Mallard.Display;
using Mallard.Display.Tables;

namespace Mallard.Repl.Rendering;

/// <summary>Turns a result frame into text for one <see cref="OutputMode"/>. Plain text: no colour, no markup, data printed as itself.</summary>
internal static class ResultRenderer
{
    private const string NullText = "NULL";

    /// <summary>
    /// The frame as text. <paramref name="maxRows"/> bounds table mode (0: every row); <paramref name="width"/> is the
    /// terminal's width, which a table leaves columns out to fit (0: no limit).
    /// </summary>
    public static string Render(Frame frame, OutputMode mode, int maxRows, int width)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return mode switch
        {
            OutputMode.Csv => frame.ToCsv(),
            OutputMode.Json => Json(frame),
            OutputMode.Markdown => Markdown(frame),
            OutputMode.Line => Lines(frame),
            _ => Table(frame, maxRows, width),
        };
    }

    /// <summary>Display's text table; when it is wider than <paramref name="width"/>, the last columns are left out (the footer says so).</summary>
    public static string Table(Frame frame, int maxRows, int width)
    {
        var options = DisplayOptions.Default with { MaxRows = maxRows == 0 ? int.MaxValue : maxRows };
        var text = TextTable.Render(frame, options);
        if (width <= 0) return text;
        var columns = frame.ColumnCount;
        while (columns > 1 && Widest(text) > width)
        {
            columns--;
            text = TextTable.Render(frame, options with { MaxColumns = columns });
        }
        return text;
    }

    private static int Widest(string text)
    {
        var widest = 0;
        foreach (var line in text.Split('\n')) widest = Math.Max(widest, TerminalText.Width(line));
        return widest;
    }

    private static string Json(Frame frame)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            for (var r = 0; r < frame.RowCount; r++)
            {
                writer.WriteStartObject();
                foreach (var column in frame.Columns)
                {
                    writer.WritePropertyName(column.Name);
                    WriteJsonValue(writer, column, r);
                }
                writer.WriteEndObject();
                writer.Flush();
                stream.WriteByte((byte)'\n');
            }
            writer.WriteEndArray();
        }
        var json = Encoding.UTF8.GetString(stream.ToArray());
        // One row per line: "[{...},\n{...}\n]" reads well and diffs well.
        return json.Replace("\n,", ",\n", StringComparison.Ordinal) + "\n";
    }

    private static void WriteJsonValue(Utf8JsonWriter writer, Column column, int row)
    {
        if (column.IsNull(row))
        {
            writer.WriteNullValue();
            return;
        }
        var value = column.GetValue(row);
        switch (value)
        {
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                return;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                return;
            case sbyte or byte or short or ushort or int or uint or long or ulong or decimal:
                writer.WriteRawValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                return;
        }
        if (column is DecimalColumn || (column.Type.IsNumeric && value is IFormattable && column.Type.Kind is DataKind.Int128 or DataKind.UInt128))
        {
            writer.WriteRawValue(ValueText.Format(column, row));
            return;
        }
        writer.WriteStringValue(ValueText.Format(column, row));
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
