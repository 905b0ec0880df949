using System.Globalization;
using System.Text;
using Mallard.Data;
using Mallard.Display;
using Mallard.Display.Plotly;
using Mallard.Engine.Connections;
using Mallard.Engine.Internal;
using Mallard.Engine.Magics;
using Mallard.Engine.Scripting;

namespace Mallard.Engine;

public sealed partial class Session
{
    private void RunCommandMagic(MagicInvocation magic, CellRun run)
    {
        switch (magic.Spec.Name)
        {
            case "connect":
                Connect(magic, run);
                break;
            case "connections":
                ShowConnections(run);
                break;
            case "who":
                ShowVariables(run);
                break;
            case "tables":
                ShowTables(magic, run);
                break;
            case "schema":
                ShowSchema(magic, run);
                break;
            case "chart":
                DrawChart(magic, run);
                break;
            case "help":
                ShowHelp(magic, run);
                break;
            default:
                throw new MagicException($"#!{magic.Spec.Name} cannot be used here.") { Line = magic.Line };
        }
    }

    private void Connect(MagicInvocation magic, CellRun run)
    {
        var kind = magic.Positional(0)!.ToLowerInvariant();
        var provider = Options.ConnectionProviders.FirstOrDefault(p => p.Kind == kind)
            ?? throw new MagicException($"Unknown connection kind '{magic.Positional(0)}' for #!connect. Accepted kinds: {string.Join(", ", ConnectionKinds)}.") { Line = magic.Line };
        var target = magic.Positional(1)!;
        var readOnly = magic.Has("read-only");
        if (!provider.SupportsReadOnly && readOnly)
            throw new MagicException($"--read-only applies to {KindsThat(p => p.SupportsReadOnly)} connections; for {kind}, use the server's own read-only roles or settings.") { Line = magic.Line };
        if (!provider.TakesProviderType && magic.Has("provider"))
            throw new MagicException($"--provider applies to {KindsThat(p => p.TakesProviderType)} connections, not to {kind}.") { Line = magic.Line };
        var name = magic.Text("name") ?? DefaultConnectionName(kind, target);
        // A name in use is replaced: the old connection closes first (DuckDB will not open a file twice with different settings).
        _connections.Close(name);
        var connection = provider.Open(new ConnectionRequest(name, target, readOnly, magic.Text("provider"), WorkingDirectory, [.. CSharpEngine.LoadedAssemblies()]));
        foreach (var key in _registeredFrames.Keys.Where(k => string.Equals(k.Item1.Name, name, StringComparison.OrdinalIgnoreCase)).ToList()) _registeredFrames.Remove(key);
        _connections.Add(connection);
        run.Write(OutputStreamKind.Stdout, $"Connected '{connection.Name}' ({connection.Kind}{(connection.ReadOnly ? ", read-only" : "")}): {connection.Target}. It is now the current connection.\n");
    }

    /// <summary>The kinds <c>#!connect</c> accepts in this session: one a connection provider the host gave it.</summary>
    public IReadOnlyList<string> ConnectionKinds => [.. Options.ConnectionProviders.Select(p => p.Kind)];

    /// <summary>"duckdb", "duckdb and ado", or "no" when no provider of the session does <paramref name="what"/>.</summary>
    private string KindsThat(Func<IConnectionProvider, bool> what)
    {
        var kinds = Options.ConnectionProviders.Where(what).Select(p => p.Kind).ToList();
        return kinds.Count == 0 ? "no" : string.Join(" and ", kinds);
    }

    private static string DefaultConnectionName(string kind, string target)
    {
        if (kind != "duckdb") return kind;
        if (target is ":memory:" or "memory") return "memory";
        var stem = Path.GetFileNameWithoutExtension(target);
        var clean = new string([.. stem.Select(c => char.IsLetterOrDigit(c) || c == '_' ? c : '_')]);
        return clean.Length == 0 ? "duckdb" : clean;
    }

    private void ShowConnections(CellRun run)
    {
        _connections.Get(null); // the default connection exists from the start, even before a first query
        var current = _connections.CurrentName;
        var all = _connections.All;
        var frame = new Frame(
            StringColumn.Create("name", [.. all.Select(c => (string?)c.Name)]),
            StringColumn.Create("kind", [.. all.Select(c => (string?)c.Kind)]),
            StringColumn.Create("target", [.. all.Select(c => (string?)c.Target)]),
            PrimitiveColumn<bool>.Create("read_only", [.. all.Select(c => (bool?)c.ReadOnly)]),
            PrimitiveColumn<bool>.Create("current", [.. all.Select(c => (bool?)string.Equals(c.Name, current, StringComparison.OrdinalIgnoreCase))]));
        run.Display(_formatter.Format(frame), value: frame);
    }

    private void ShowVariables(CellRun run)
    {
        var variables = Variables;
        if (variables.Count == 0)
        {
            run.Write(OutputStreamKind.Stdout, "No variables yet.\n");
            return;
        }
        var frame = new Frame(
            StringColumn.Create("name", [.. variables.Select(v => (string?)v.Name)]),
            StringColumn.Create("type", [.. variables.Select(v => (string?)v.TypeName)]),
            StringColumn.Create("shape", [.. variables.Select(v => v.Shape)]),
            StringColumn.Create("value", [.. variables.Select(v => Preview(v.Value))]));
        run.Display(_formatter.Format(frame), value: frame);
    }

    private static string? Preview(object? value)
    {
        if (value is null) return "null";
        string text;
        try
        {
            text = value switch
            {
                Frame f => "columns: " + string.Join(", ", f.ColumnNames),
                string s => "\"" + s + "\"",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            text = "(" + e.GetType().Name + " from ToString)";
        }
        text = text.ReplaceLineEndings(" ");
        return text.Length > 80 ? text[..77] + "..." : text;
    }

    private void ShowTables(MagicInvocation magic, CellRun run)
    {
        var connection = _connections.Get(magic.Text("connection"));
        var sql = connection.DuckDb is not null
            ? """
              SELECT CASE WHEN database_name = 'temp' THEN 'temp' ELSE schema_name END AS schema, table_name AS name, 'table' AS kind,
                     column_count AS columns, estimated_size AS rows
              FROM duckdb_tables() WHERE NOT internal
              UNION ALL
              SELECT CASE WHEN database_name = 'temp' THEN 'temp' ELSE schema_name END, view_name, 'view', column_count, NULL
              FROM duckdb_views() WHERE NOT internal
              ORDER BY 1, 2
              """
            : """
              SELECT table_schema AS schema, table_name AS name, lower(table_type) AS kind
              FROM information_schema.tables
              WHERE table_schema NOT IN ('information_schema', 'pg_catalog')
              ORDER BY 1, 2
              """;
        var frame = connection.Query(sql, new Dictionary<string, object?>(), run.CancellationToken);
        if (frame.RowCount == 0) run.Write(OutputStreamKind.Stdout, $"Connection '{connection.Name}' has no tables or views.\n");
        else run.Display(_formatter.WithOptions(_formatter.Options with { MaxRows = Math.Max(_formatter.Options.MaxRows, 500) }).Format(frame), value: frame);
    }

    private void ShowSchema(MagicInvocation magic, CellRun run)
    {
        var connection = _connections.Get(magic.Text("connection"));
        var frame = DescribeTable(connection, magic.Positional(0)!, run.CancellationToken)
            ?? throw new MagicException($"No table or view named '{magic.Positional(0)}' on connection '{connection.Name}'. Use #!tables to list them.") { Line = magic.Line };
        run.Display(_formatter.WithOptions(_formatter.Options with { MaxRows = Math.Max(_formatter.Options.MaxRows, 1000) }).Format(frame), value: frame);
    }

    /// <summary>The columns of a table or view (<c>name</c>, <c>schema.name</c> or <c>catalog.schema.name</c>), or null when there is none.</summary>
    internal static Frame? DescribeTable(SessionConnection connection, string table, CancellationToken cancellationToken)
    {
        var parts = table.Split('.').Select(p => p.Trim('"')).ToArray();
        var name = parts[^1];
        var schema = parts.Length >= 2 ? parts[^2] : null;
        var sql = "SELECT column_name AS column, data_type AS type, is_nullable AS nullable FROM information_schema.columns "
            + "WHERE table_name = $table" + (schema is null ? "" : " AND table_schema = $schema") + " ORDER BY table_schema = 'main' DESC, table_schema, ordinal_position";
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["table"] = name };
        if (schema is not null) parameters["schema"] = schema;
        var frame = connection.Query(sql, parameters, cancellationToken);
        return frame.RowCount == 0 ? null : frame;
    }

    private void DrawChart(MagicInvocation magic, CellRun run)
    {
        var kind = magic.Positional(0)!.ToLowerInvariant();
        if (!MagicCatalog.ChartKinds.Contains(kind))
            throw new MagicException($"Unknown chart kind '{magic.Positional(0)}'. Accepted kinds: {string.Join(", ", MagicCatalog.ChartKinds)}.") { Line = magic.Line };
        var dataName = magic.Text("data") ?? throw new MagicException("#!chart needs --data VAR: the Frame variable to chart.") { Line = magic.Line };
        if (!TryGetVariableValue(dataName, out var value))
            throw new MagicException($"No variable named '{dataName}' for --data. Store a result with #!sql --name {dataName}, or assign it in C#.") { Line = magic.Line };
        var frame = AsFrame(value)
            ?? throw new MagicException($"--data {dataName} is a {TypeNames.Friendly(value?.GetType() ?? typeof(object))}, not a Frame or a collection of records.") { Line = magic.Line };
        string Need(string option, string role) =>
            magic.Text(option) ?? throw new MagicException($"#!chart {kind} needs --{option} COL ({role}). Columns of {dataName}: {string.Join(", ", frame.ColumnNames)}.") { Line = magic.Line };
        string? Column(string? name)
        {
            if (name is null) return null;
            if (frame.TryGetColumn(name, out _)) return name;
            throw new MagicException($"{dataName} has no column '{name}'. Its columns: {string.Join(", ", frame.ColumnNames)}.") { Line = magic.Line };
        }
        var title = magic.Text("title");
        var color = Column(magic.Text("color"));
        Figure figure = kind switch
        {
            "bar" => Chart.Bar(frame, Column(Need("x", "categories"))!, Column(Need("y", "values"))!, color: color, title: title),
            "line" => Chart.Line(frame, Column(Need("x", "the x axis"))!, Column(Need("y", "values"))!, color: color, title: title),
            "scatter" => Chart.Scatter(frame, Column(Need("x", "the x axis"))!, Column(Need("y", "the y axis"))!, color: color, title: title),
            "area" => Chart.Area(frame, Column(Need("x", "the x axis"))!, Column(Need("y", "values"))!, color: color, title: title),
            "pie" => Chart.Pie(frame, Column(Need("x", "slice names"))!, Column(Need("y", "slice values"))!, title: title),
            "donut" => Chart.Donut(frame, Column(Need("x", "slice names"))!, Column(Need("y", "slice values"))!, title: title),
            "histogram" => Chart.Histogram(frame, Column(Need("x", "the values to bin"))!, color: color, title: title),
            _ => Chart.Heatmap(frame, Column(Need("x", "columns of the grid"))!, Column(Need("y", "rows of the grid"))!, Column(Need("z", "cell values"))!, title: title),
        };
        run.Display(_formatter.Format(figure));
        if (magic.Text("html") is { } html)
        {
            var path = Path.GetFullPath(Path.Combine(WorkingDirectory, html));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, figure.ToHtml(), new UTF8Encoding(false));
            run.Write(OutputStreamKind.Stdout, $"Chart written to {path}\n");
        }
    }

    private static void ShowHelp(MagicInvocation magic, CellRun run)
    {
        var sb = new StringBuilder();
        var specs = magic.Positional(0) is { } one
            ? [MagicCatalog.Find(one.TrimStart('#', '!', '%')) ?? throw new MagicException($"Unknown magic '{one}'. Accepted magics: {string.Join(", ", MagicCatalog.All.Select(m => m.Name))}.") { Line = magic.Line }]
            : MagicCatalog.All;
        foreach (var spec in specs)
        {
            sb.Append(spec.Usage).Append('\n').Append("    ").Append(spec.Summary).Append('\n');
            foreach (var option in spec.Options) sb.Append("    ").Append(option.Usage.PadRight(22)).Append(option.Help).Append('\n');
        }
        sb.Append("SQL may use $name to bind the C# variable 'name' as a parameter.\n");
        run.Write(OutputStreamKind.Stdout, sb.ToString());
    }
}
