using Mallard.Data;
using Mallard.Display.Plotly;
using Mallard.Engine.Internal;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!chart KIND --data VAR ...</c>: a chart of a Frame variable without writing C#.</summary>
internal sealed class ChartMagic : MagicCommand
{
    /// <summary>The chart kinds, as KIND takes them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["bar", "line", "scatter", "area", "pie", "donut", "histogram", "heatmap"];

    public override MagicSpec Spec { get; } = new(
        "chart", "Chart a Frame variable: bar, line, scatter, area, pie, donut, histogram or heatmap.", MagicBody.Rest,
        [
            new("data", MagicOptionKind.Text, "the Frame variable to chart", "VAR",
                (session, _) => session.VariableTypes.Where(v => Session.IsFrameLike(v.Type)).Select(v => new CompletionItem(v.Name, "variable"))),
            Column("x", "the column for the x axis (names for pie/donut)"),
            Column("y", "the column for the y axis (values for pie/donut, rows for heatmap)"),
            Column("z", "heatmap: the column for the cell values"),
            Column("color", "the column that splits the data into series"),
            new("title", MagicOptionKind.Text, "the chart's title", "TEXT"),
            new("html", MagicOptionKind.Text, "also write the chart as a self-contained HTML file", "PATH"),
        ],
        ["KIND"], RequiredPositionals: 1);

    public override int Order => 100;

    public override IEnumerable<CompletionItem> CompletePositional(Session session, int index) =>
        index == 0 ? Kinds.Select(k => new CompletionItem(k, "value")) : [];

    public override async Task RunAsync(MagicContext context)
    {
        var (session, magic) = (context.Session, context.Magic);
        var kind = magic.Positional(0)!.ToLowerInvariant();
        if (!Kinds.Contains(kind))
            throw context.Error($"Unknown chart kind '{magic.Positional(0)}'. Accepted kinds: {string.Join(", ", Kinds)}.");
        var dataName = magic.Text("data") ?? throw context.Error("#!chart needs --data VAR: the Frame variable to chart.");
        if (!session.TryGetVariableValue(dataName, out var value))
            throw context.Error($"No variable named '{dataName}' for --data. Store a result with #!sql --name {dataName}, or assign it in C#.");
        var frame = Session.AsFrame(value)
            ?? throw context.Error($"--data {dataName} is {TypeNames.WithArticle(value?.GetType() ?? typeof(object))}, not a Frame or a collection of records.");
        string Need(string option, string role) =>
            magic.Text(option) ?? throw context.Error($"#!chart {kind} needs --{option} COL ({role}). Columns of {dataName}: {string.Join(", ", frame.ColumnNames)}.");
        string? ColumnNamed(string? name)
        {
            if (name is null) return null;
            if (frame.TryGetColumn(name, out _)) return name;
            throw context.Error($"{dataName} has no column '{name}'. Its columns: {string.Join(", ", frame.ColumnNames)}.");
        }
        var title = magic.Text("title");
        var color = ColumnNamed(magic.Text("color"));
        Figure figure = kind switch
        {
            "bar" => Chart.Bar(frame, ColumnNamed(Need("x", "categories"))!, ColumnNamed(Need("y", "values"))!, color: color, title: title),
            "line" => Chart.Line(frame, ColumnNamed(Need("x", "the x axis"))!, ColumnNamed(Need("y", "values"))!, color: color, title: title),
            "scatter" => Chart.Scatter(frame, ColumnNamed(Need("x", "the x axis"))!, ColumnNamed(Need("y", "the y axis"))!, color: color, title: title),
            "area" => Chart.Area(frame, ColumnNamed(Need("x", "the x axis"))!, ColumnNamed(Need("y", "values"))!, color: color, title: title),
            "pie" => Chart.Pie(frame, ColumnNamed(Need("x", "slice names"))!, ColumnNamed(Need("y", "slice values"))!, title: title),
            "donut" => Chart.Donut(frame, ColumnNamed(Need("x", "slice names"))!, ColumnNamed(Need("y", "slice values"))!, title: title),
            "histogram" => Chart.Histogram(frame, ColumnNamed(Need("x", "the values to bin"))!, color: color, title: title),
            _ => Chart.Heatmap(frame, ColumnNamed(Need("x", "columns of the grid"))!, ColumnNamed(Need("y", "rows of the grid"))!, ColumnNamed(Need("z", "cell values"))!, title: title),
        };
        context.Run.Display(session.Formatter.Format(figure));
        if (magic.Text("html") is { } html)
        {
            var files = session.Options.Files ?? throw context.Error("This session writes no files (its host gave it none), so #!chart cannot save --html; the chart is shown above.");
            var path = Path.GetFullPath(Path.Combine(session.WorkingDirectory, html));
            files.Write(path, figure.ToHtml());
            context.Run.Write(OutputStreamKind.Stdout, $"Chart written to {path}\n");
        }
        await context.RunBodyAsync().ConfigureAwait(false);
    }

    /// <summary>An option naming a column of the <c>--data</c> frame, completed from that frame's columns.</summary>
    private static MagicOption Column(string name, string help) => new(name, MagicOptionKind.Text, help, "COL", (session, before) =>
    {
        var data = before.ToList().IndexOf("--data");
        if (data < 0 || data + 1 >= before.Count) return [];
        var variable = session.Variables.LastOrDefault(v => v.Name == before[data + 1]);
        return variable?.Value is Frame frame ? frame.ColumnNames.Select(c => new CompletionItem(c, "column")) : [];
    });
}
