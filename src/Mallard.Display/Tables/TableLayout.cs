using Mallard.Data;
using Mallard.Display.Internal;

namespace Mallard.Display.Tables;

/// <summary>The part of a frame a table shows (its head rows and first columns), formatted once for HTML and text.</summary>
internal sealed class TableLayout
{
    private TableLayout(Frame frame, int rows, int columns, Cell[][] cells, string[] headers, bool showTypes)
    {
        Frame = frame;
        Headers = headers;
        ShowTypes = showTypes;
        ShownRows = rows;
        ShownColumns = columns;
        Cells = cells;
    }

    public Frame Frame { get; }

    public int ShownRows { get; }

    public int ShownColumns { get; }

    /// <summary>What each shown column's header says: its label or its name.</summary>
    public string[] Headers { get; }

    /// <summary>Whether the headers show the SQL types.</summary>
    public bool ShowTypes { get; }

    /// <summary>Cells by column, then row.</summary>
    public Cell[][] Cells { get; }

    public bool IsNumeric(int column) => Frame[column].Type.IsNumeric;

    /// <summary>Formats only the rows and columns shown: the cost does not grow with the frame.</summary>
    public static TableLayout Of(FormattedTable table, DisplayOptions options, int maxChars)
    {
        var frame = table.Frame;
        var rows = Math.Min(frame.RowCount, options.MaxRows);
        var columns = Math.Min(frame.ColumnCount, options.MaxColumns);
        var cells = new Cell[columns][];
        var headers = new string[columns];
        for (var c = 0; c < columns; c++)
        {
            var column = frame[c];
            var format = table.FormatOf(c, options.FormatByName);
            var values = new Cell[rows];
            var decimals = CellText.DoubleDecimals(column, rows);
            for (var r = 0; r < rows; r++) values[r] = format.Cell(column, r, maxChars, decimals);
            cells[c] = values;
            headers[c] = table.HeaderOf(c, options.ReadableLabels);
        }
        return new TableLayout(frame, rows, columns, cells, headers, table.ShowTypes ?? options.ShowTypes);
    }

    /// <summary>"3 rows", or "100 of 1,000,000 rows", and the columns when some are left out.</summary>
    public string Footer()
    {
        var total = Frame.RowCount;
        var text = ShownRows == total
            ? Plural(total, "row")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ShownRows:N0} of {Plural(total, "row")}");
        text += ShownColumns == Frame.ColumnCount
            ? " · " + Plural(Frame.ColumnCount, "column")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $" · {ShownColumns:N0} of {Plural(Frame.ColumnCount, "column")}");
        return text;
    }

    private static string Plural(int count, string noun) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
