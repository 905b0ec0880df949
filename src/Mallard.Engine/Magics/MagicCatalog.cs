namespace Mallard.Engine.Magics;

/// <summary>Every magic the engine knows.</summary>
internal static class MagicCatalog
{
    private static readonly MagicOption Connection = new("connection", MagicOptionKind.Text, "the connection to use (default: the current one)", "NAME");

    public static MagicSpec Sql { get; } = new(
        "sql", "Run SQL on a connection; show the last result and optionally keep it as a Frame variable.", MagicBody.Sql,
        [
            new("name", MagicOptionKind.Text, "store the last result as a Frame variable", "VAR"),
            Connection,
            new("limit", MagicOptionKind.Count, "show at most N rows (the stored frame keeps all)", "N"),
            new("quiet", MagicOptionKind.Flag, "do not display the result"),
        ],
        []);

    public static MagicSpec CSharp { get; } = new("csharp", "Run the rest of the cell as C#.", MagicBody.CSharp, [], []);

    public static MagicSpec Connect { get; } = new(
        "connect", "Open a named connection: duckdb PATH|:memory:, postgres \"CONNECTION STRING\", or ado --provider TYPE \"CONNECTION STRING\".", MagicBody.Rest,
        [
            new("name", MagicOptionKind.Text, "the connection's name (replaces one of the same name)", "NAME"),
            new("read-only", MagicOptionKind.Flag, "open the database read-only"),
            new("provider", MagicOptionKind.Text, "for ado: the DbProviderFactory type, assembly-qualified", "TYPE"),
        ],
        ["KIND", "TARGET"], RequiredPositionals: 2);

    public static MagicSpec Who { get; } = new("who", "List the session's variables with their types and shapes.", MagicBody.Rest, [], []);

    public static MagicSpec Time { get; } = new("time", "Run the rest of the cell and report how long it took.", MagicBody.Rest, [], []);

    public static MagicSpec Tables { get; } = new("tables", "List the tables and views of a connection.", MagicBody.Rest, [Connection], []);

    public static MagicSpec Schema { get; } = new("schema", "Show the columns and types of a table.", MagicBody.Rest, [Connection], ["TABLE"], RequiredPositionals: 1);

    public static MagicSpec Connections { get; } = new("connections", "List the open connections.", MagicBody.Rest, [], []);

    public static MagicSpec Chart { get; } = new(
        "chart", "Chart a Frame variable: bar, line, scatter, area, pie, donut, histogram or heatmap.", MagicBody.Rest,
        [
            new("data", MagicOptionKind.Text, "the Frame variable to chart", "VAR"),
            new("x", MagicOptionKind.Text, "the column for the x axis (names for pie/donut)", "COL"),
            new("y", MagicOptionKind.Text, "the column for the y axis (values for pie/donut, rows for heatmap)", "COL"),
            new("z", MagicOptionKind.Text, "heatmap: the column for the cell values", "COL"),
            new("color", MagicOptionKind.Text, "the column that splits the data into series", "COL"),
            new("title", MagicOptionKind.Text, "the chart's title", "TEXT"),
            new("html", MagicOptionKind.Text, "also write the chart as a self-contained HTML file", "PATH"),
        ],
        ["KIND"], RequiredPositionals: 1);

    public static MagicSpec Help { get; } = new("help", "List the magics and their options.", MagicBody.Rest, [], ["MAGIC"]);

    public static IReadOnlyList<MagicSpec> All { get; } = [Sql, CSharp, Connect, Connections, Who, Time, Tables, Schema, Chart, Help];

    public static IReadOnlyList<string> ChartKinds { get; } = ["bar", "line", "scatter", "area", "pie", "donut", "histogram", "heatmap"];


    public static MagicSpec? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
