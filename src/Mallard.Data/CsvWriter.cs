using System.Buffers;
using System.Text;

namespace Mallard.Data;

/// <summary>Writes a frame as CSV, one value formatter per column.</summary>
internal static class CsvWriter
{
    public static void Write(Frame frame, TextWriter writer, CsvOptions options)
    {
        var columns = frame.Columns;
        var formatters = new ValueFormatter[columns.Count];
        for (var c = 0; c < formatters.Length; c++) formatters[c] = ValueFormatter.For(columns[c]);
        var field = new StringBuilder();
        var special = SearchValues.Create([options.Delimiter, '"', '\r', '\n']);
        if (options.Header)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) writer.Write(options.Delimiter);
                field.Clear().Append(columns[c].Name);
                WriteField(writer, field, options, special);
            }
            writer.Write(options.NewLine);
        }
        for (var row = 0; row < frame.RowCount; row++)
        {
            for (var c = 0; c < formatters.Length; c++)
            {
                if (c > 0) writer.Write(options.Delimiter);
                if (columns[c].IsNull(row))
                {
                    writer.Write(options.NullText);
                    continue;
                }
                field.Clear();
                formatters[c].Append(field, row);
                WriteField(writer, field, options, special);
            }
            writer.Write(options.NewLine);
        }
    }

    private static void WriteField(TextWriter writer, StringBuilder field, CsvOptions options, SearchValues<char> special)
    {
        if (!NeedsQuotes(field, options, special))
        {
            writer.Write(field);
            return;
        }
        writer.Write('"');
        foreach (var chunk in field.GetChunks())
        {
            var rest = chunk.Span;
            int quote;
            while ((quote = rest.IndexOf('"')) >= 0)
            {
                writer.Write(rest[..(quote + 1)]);
                writer.Write('"');
                rest = rest[(quote + 1)..];
            }
            writer.Write(rest);
        }
        writer.Write('"');
    }

    private static bool NeedsQuotes(StringBuilder field, CsvOptions options, SearchValues<char> special)
    {
        if (field.Length == 0) return options.NullText.Length == 0;
        if (field[0] == ' ' || field[^1] == ' ') return true;
        if (field.Length == options.NullText.Length && field.Equals(options.NullText.AsSpan())) return true;
        foreach (var chunk in field.GetChunks())
            if (chunk.Span.IndexOfAny(special) >= 0) return true;
        return false;
    }
}
