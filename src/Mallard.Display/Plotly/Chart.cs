using Mallard.Data;

namespace Mallard.Display.Plotly;

/// <summary>
/// Figures from a <see cref="Frame"/> and column names, in the spirit of plotly express: axis titles
/// from the column names unless given, date axes for DATE and TIMESTAMP columns, one series per value
/// of a colour column, Mallard's template and palette. Every row of the frame becomes a point: chart
/// an aggregate, not a raw million-row result.
/// </summary>
public static class Chart
{
    /// <summary>Bars of <paramref name="y"/> per <paramref name="x"/>, one series per value of <paramref name="color"/>; <paramref name="text"/> labels each bar.</summary>
    public static Figure Bar(Frame frame, string x, string y, string? color = null, string? text = null, string? title = null,
        BarMode mode = BarMode.Group, bool horizontal = false, string? xTitle = null, string? yTitle = null, ValueFormat? yFormat = null)
    {
        var xColumn = ChartData.Get(frame, x);
        var yColumn = ChartData.Numeric(frame, y, nameof(y));
        var textColumn = text is null ? null : ChartData.Get(frame, text);
        var figure = NewFigure(title);
        var values = new ChartValues(xColumn, yColumn, yFormat, xTitle, yTitle, horizontal);
        foreach (var (name, rows) in ChartData.Groups(frame, color))
            figure.Data.Add(BarTrace(name, values, textColumn, rows));
        FinishBar(figure, values, mode, color);
        return figure;
    }

    /// <summary>Bars of several measures per <paramref name="x"/>, one series per measure (grouped or stacked).</summary>
    public static Figure Bar(Frame frame, string x, IReadOnlyList<string> y, string? title = null,
        BarMode mode = BarMode.Group, bool horizontal = false, string? xTitle = null, string? yTitle = null, bool textLabels = false,
        ValueFormat? yFormat = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        var xColumn = ChartData.Get(frame, x);
        var rows = AllRows(frame);
        var figure = NewFigure(title);
        ChartValues? first = null;
        foreach (var measure in y)
        {
            var yColumn = ChartData.Numeric(frame, measure, nameof(y));
            var values = new ChartValues(xColumn, yColumn, yFormat, xTitle, y.Count == 1 ? yTitle : yTitle ?? "", horizontal);
            first ??= values;
            figure.Data.Add(BarTrace(ColumnLabel.Readable(yColumn.Name), values, textLabels ? yColumn : null, rows));
        }
        if (first is not null) FinishBar(figure, first, mode, legendTitle: null);
        return figure;
    }

    /// <summary>A line of <paramref name="y"/> over <paramref name="x"/>, one line per value of <paramref name="color"/>.</summary>
    public static Figure Line(Frame frame, string x, string y, string? color = null, bool markers = false, string? title = null,
        string? xTitle = null, string? yTitle = null, ValueFormat? yFormat = null)
    {
        var xColumn = ChartData.Get(frame, x);
        var yColumn = ChartData.Numeric(frame, y, nameof(y));
        var figure = NewFigure(title);
        var values = new ChartValues(xColumn, yColumn, yFormat, xTitle, yTitle);
        foreach (var (name, rows) in ChartData.Groups(frame, color))
            figure.Data.Add(ScatterTrace(name, values, rows, markers ? "lines+markers" : "lines"));
        FinishXY(figure, values, color);
        return figure;
    }

    /// <summary>Lines of several measures over <paramref name="x"/>, one line per measure.</summary>
    public static Figure Line(Frame frame, string x, IReadOnlyList<string> y, bool markers = false, string? title = null,
        string? xTitle = null, string? yTitle = null, ValueFormat? yFormat = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        var xColumn = ChartData.Get(frame, x);
        var rows = AllRows(frame);
        var figure = NewFigure(title);
        ChartValues? first = null;
        foreach (var measure in y)
        {
            var values = new ChartValues(xColumn, ChartData.Numeric(frame, measure, nameof(y)), yFormat, xTitle, y.Count == 1 ? yTitle : yTitle ?? "");
            first ??= values;
            figure.Data.Add(ScatterTrace(ColumnLabel.Readable(measure), values, rows, markers ? "lines+markers" : "lines"));
        }
        if (first is not null) FinishXY(figure, first, legendTitle: null);
        return figure;
    }

    /// <summary>Points of <paramref name="y"/> against <paramref name="x"/>, coloured by <paramref name="color"/>; <paramref name="text"/> shows on hover.</summary>
    public static Figure Scatter(Frame frame, string x, string y, string? color = null, string? text = null, string? title = null,
        string? xTitle = null, string? yTitle = null, ValueFormat? yFormat = null)
    {
        var xColumn = ChartData.Get(frame, x);
        var yColumn = ChartData.Numeric(frame, y, nameof(y));
        var textColumn = text is null ? null : ChartData.Get(frame, text);
        var figure = NewFigure(title);
        var values = new ChartValues(xColumn, yColumn, yFormat, xTitle, yTitle) { FromZero = false };
        foreach (var (name, rows) in ChartData.Groups(frame, color))
        {
            var trace = ScatterTrace(name, values, rows, "markers", withText: textColumn is not null);
            trace.Marker = new Marker { Size = 8, Opacity = 0.85 };
            if (textColumn is not null) trace.Text = ChartData.Texts(textColumn, rows);
            figure.Data.Add(trace);
        }
        FinishXY(figure, values, color);
        return figure;
    }

    /// <summary>Filled areas of <paramref name="y"/> over <paramref name="x"/>, stacked per value of <paramref name="color"/>.</summary>
    public static Figure Area(Frame frame, string x, string y, string? color = null, string? title = null,
        string? xTitle = null, string? yTitle = null, ValueFormat? yFormat = null)
    {
        var xColumn = ChartData.Get(frame, x);
        var yColumn = ChartData.Numeric(frame, y, nameof(y));
        var figure = NewFigure(title);
        var values = new ChartValues(xColumn, yColumn, yFormat, xTitle, yTitle);
        foreach (var (name, rows) in ChartData.Groups(frame, color))
        {
            var trace = ScatterTrace(name, values, rows, "lines");
            trace.StackGroup = "one";
            figure.Data.Add(trace);
        }
        FinishXY(figure, values, color);
        figure.Layout.HoverMode = "x unified";
        return figure;
    }

    /// <summary>A pie of <paramref name="values"/> named by <paramref name="names"/>; a <paramref name="hole"/> above 0 makes a donut.</summary>
    public static Figure Pie(Frame frame, string names, string values, string? title = null, double hole = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hole);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(hole, 1);
        var nameColumn = ChartData.Get(frame, names);
        var valueColumn = ChartData.Numeric(frame, values, nameof(values));
        var rows = AllRows(frame);
        var figure = NewFigure(title);
        figure.Data.Add(new Trace("pie")
        {
            Labels = ChartData.Values(nameColumn, rows),
            Values = ChartData.Values(valueColumn, rows),
            Hole = hole > 0 ? hole : null,
            Sort = false,
            TextInfo = "label+percent",
            HoverTemplate = ChartValues.Escape(ColumnLabel.Readable(nameColumn.Name)) + ": %{label}<br>" + ChartValues.Escape(ColumnLabel.Readable(valueColumn.Name)) + ": "
                + ChartValues.Placeholder("value", ValueFormat.For(valueColumn), valueColumn) + " (%{percent})<extra></extra>",
        });
        figure.Layout.Legend = new Legend { Title = new Title(ColumnLabel.Readable(nameColumn.Name)) };
        return figure;
    }

    /// <summary>A donut: a pie with a hole.</summary>
    public static Figure Donut(Frame frame, string names, string values, string? title = null, double hole = 0.5) =>
        Pie(frame, names, values, title, hole);

    /// <summary>The distribution of <paramref name="x"/> in at most <paramref name="bins"/> bins, one series per value of <paramref name="color"/>.</summary>
    public static Figure Histogram(Frame frame, string x, string? color = null, int? bins = null, string? title = null,
        string? xTitle = null, string? yTitle = null)
    {
        var xColumn = ChartData.Get(frame, x);
        var figure = NewFigure(title);
        var groups = ChartData.Groups(frame, color);
        foreach (var (name, rows) in groups)
        {
            figure.Data.Add(new Trace("histogram")
            {
                Name = name,
                X = ChartData.Values(xColumn, rows),
                NBinsX = bins,
                Opacity = groups.Count > 1 ? 0.75 : null,
                ShowLegend = name is null ? false : null,
            });
        }
        figure.Layout.BarMode = groups.Count > 1 ? "overlay" : null;
        figure.Layout.XAxis = new Axis { Title = new Title(xTitle ?? ColumnLabel.Readable(xColumn.Name)), Type = ChartData.IsTemporal(xColumn) ? "date" : null };
        ChartValues.Apply(figure.Layout.XAxis, ValueFormat.For(xColumn), xColumn);
        figure.Layout.YAxis = new Axis { Title = new Title(yTitle ?? "Count") };
        if (color is not null) figure.Layout.Legend = new Legend { Title = new Title(ColumnLabel.Readable(color)) };
        return figure;
    }

    /// <summary>
    /// A grid of <paramref name="z"/> by <paramref name="x"/> (columns) and <paramref name="y"/> (rows),
    /// from a long frame with one row per cell, as for cohort retention. Categories keep their order of
    /// first appearance and the first row is drawn at the top. <paramref name="colorScale"/> names a
    /// plotly.js scale (<c>Viridis</c>, <c>RdBu</c>); by default light cells are low and dark ones high.
    /// <paramref name="valueFormat"/> (a d3
    /// format such as <c>.0%</c>) writes each value in its cell.
    /// </summary>
    public static Figure Heatmap(Frame frame, string x, string y, string z, string? title = null,
        string? xTitle = null, string? yTitle = null, string? colorScale = null, string? valueFormat = null)
    {
        var xColumn = ChartData.Get(frame, x);
        var yColumn = ChartData.Get(frame, y);
        var zColumn = ChartData.Numeric(frame, z, nameof(z));
        var (xs, xIndex) = ChartData.Distinct(xColumn);
        var (ys, yIndex) = ChartData.Distinct(yColumn);
        var grid = new object?[ys.Count][];
        for (var i = 0; i < grid.Length; i++) grid[i] = new object?[xs.Count];
        for (var row = 0; row < frame.RowCount; row++)
            grid[yIndex[ChartData.Label(yColumn, row)]][xIndex[ChartData.Label(xColumn, row)]] = ChartData.Value(zColumn, row);

        var figure = NewFigure(title);
        figure.Data.Add(new Trace("heatmap")
        {
            X = xs,
            Y = ys,
            Z = grid,
            ColorScale = colorScale ?? (object)SequentialScale,
            XGap = 1,
            YGap = 1,
            TextTemplate = valueFormat is null ? null : "%{z:" + valueFormat + "}",
            HoverTemplate = ChartValues.Escape(xTitle ?? ColumnLabel.Readable(xColumn.Name)) + ": %{x}<br>" + ChartValues.Escape(yTitle ?? ColumnLabel.Readable(yColumn.Name)) + ": %{y}<br>"
                + ChartValues.Escape(ColumnLabel.Readable(zColumn.Name)) + ": " + ChartValues.Placeholder("z", ValueFormat.For(zColumn), zColumn) + "<extra></extra>",
        });
        // The scale's ticks are written as the values are: 30%, not 0.3.
        var zAxis = new Axis();
        ChartValues.Apply(zAxis, ValueFormat.For(zColumn), zColumn);
        if (zAxis.TickFormat is not null || zAxis.TickPrefix is not null)
            figure.Data[^1].ColorBar = new ColorBar { TickFormat = zAxis.TickFormat, TickPrefix = zAxis.TickPrefix };
        figure.Layout.XAxis = new Axis { Title = new Title(xTitle ?? ColumnLabel.Readable(xColumn.Name)), Type = ChartData.IsTemporal(xColumn) ? "date" : "category", ShowGrid = false };
        figure.Layout.YAxis = new Axis { Title = new Title(yTitle ?? ColumnLabel.Readable(yColumn.Name)), Type = ChartData.IsTemporal(yColumn) ? "date" : "category", AutoRange = "reversed", ShowGrid = false };
        return figure;
    }

    /// <summary>Light for low values, dark for high, in the palette's blue (plotly's own <c>Blues</c> runs the other way).</summary>
    private static readonly object[][] SequentialScale = [[0, "#eff6ff"], [0.5, "#60a5fa"], [1, "#1e3a8a"]];

    private static Figure NewFigure(string? title)
    {
        var figure = new Figure();
        figure.Layout.Template = Template.Default();
        if (title is not null) figure.Layout.Title = new Title(title);
        return figure;
    }

    private static List<int> AllRows(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return [.. Enumerable.Range(0, frame.RowCount)];
    }

    private static Trace BarTrace(string? name, ChartValues values, Mallard.Data.Column? text, IReadOnlyList<int> rows)
    {
        var categories = ChartData.Values(values.X, rows);
        var numbers = ChartData.Values(values.Y, rows);
        return new Trace("bar")
        {
            Name = name,
            X = values.Horizontal ? numbers : categories,
            Y = values.Horizontal ? categories : numbers,
            Orientation = values.Horizontal ? "h" : null,
            Text = text is null ? null : ChartData.Texts(text, rows),
            TextPosition = text is null ? null : "outside",
            ClipOnAxis = text is null ? null : false,
            ShowLegend = name is null ? false : null,
            HoverTemplate = values.HoverTemplate(name),
        };
    }

    private static Trace ScatterTrace(string? name, ChartValues values, IReadOnlyList<int> rows, string mode, bool withText = false) => new("scatter")
    {
        Name = name,
        X = ChartData.Values(values.X, rows),
        Y = ChartData.Values(values.Y, rows),
        Mode = mode,
        ShowLegend = name is null ? false : null,
        HoverTemplate = values.HoverTemplate(name, withText),
    };

    private static void FinishBar(Figure figure, ChartValues values, BarMode mode, string? legendTitle)
    {
        figure.Layout.BarMode = mode.ToString().ToLowerInvariant();
        var (categoryAxis, valueAxis) = values.Axes();
        figure.Layout.XAxis = values.Horizontal ? valueAxis : categoryAxis;
        figure.Layout.YAxis = values.Horizontal ? categoryAxis : valueAxis;
        if (legendTitle is not null) figure.Layout.Legend = new Legend { Title = new Title(ColumnLabel.Readable(legendTitle)) };
    }

    private static void FinishXY(Figure figure, ChartValues values, string? legendTitle)
    {
        (figure.Layout.XAxis, figure.Layout.YAxis) = values.Axes();
        if (legendTitle is not null) figure.Layout.Legend = new Legend { Title = new Title(ColumnLabel.Readable(legendTitle)) };
    }
}
