using System.Globalization;
using System.Text;
using Mallard.Data;

namespace Mallard.Cli;

/// <summary>Prints a frame as an aligned text table (names, types, a bounded number of rows) or as CSV.</summary>
internal static class ResultPrinter
{
    public static void Print(TextWriter output, Frame frame, OutputFormat format, int maxRows)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                frame.WriteCsv(output);
                break;
            default:
                PrintTable(output, frame, maxRows);
                break;
        }
    }

    private static void PrintTable(TextWriter output, Frame frame, int maxRows)
    {
        if (frame.ColumnCount == 0)
        {
            output.WriteLine("OK");
            return;
        }
        var shown = maxRows == 0 ? frame.RowCount : Math.Min(maxRows, frame.RowCount);
        var cells = new string[shown][];
        for (var r = 0; r < shown; r++)
        {
            cells[r] = new string[frame.ColumnCount];
            for (var c = 0; c < frame.ColumnCount; c++) cells[r][c] = Cell(frame[c], r);
        }
        var widths = new int[frame.ColumnCount];
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            widths[c] = Math.Max(frame[c].Name.Length, frame[c].Type.Name.Length);
            for (var r = 0; r < shown; r++) widths[c] = Math.Max(widths[c], cells[r][c].Length);
        }
        var line = new StringBuilder();
        void Row(Func<int, string> text, Func<int, bool> right)
        {
            line.Clear();
            for (var c = 0; c < widths.Length; c++)
            {
                if (c > 0) line.Append(" │ ");
                var value = text(c);
                line.Append(right(c) ? value.PadLeft(widths[c]) : value.PadRight(widths[c]));
            }
            output.WriteLine(line.ToString().TrimEnd());
        }
        Row(c => frame[c].Name, _ => false);
        Row(c => frame[c].Type.Name, _ => false);
        output.WriteLine(string.Join("─┼─", widths.Select(w => new string('─', w))));
        for (var r = 0; r < shown; r++) Row(c => cells[r][c], c => frame[c].Type.IsNumeric);
        var footer = shown < frame.RowCount
            ? string.Create(CultureInfo.InvariantCulture, $"{shown:N0} of {frame.RowCount:N0} rows shown")
            : string.Create(CultureInfo.InvariantCulture, $"{frame.RowCount:N0} {(frame.RowCount == 1 ? "row" : "rows")}");
        output.WriteLine(footer);
    }

    private static string Cell(Column column, int row)
    {
        if (column.IsNull(row)) return "NULL";
        var text = ValueText.Format(column, row);
        return text.ReplaceLineEndings("↵");
    }
}
