using Mallard.Data;
using Mallard.DuckDb;
using Mallard.Engine.Scripting;

namespace Mallard.Engine;

public sealed partial class Session
{
    internal void ClearFromCode(bool wait)
    {
        var run = Volatile.Read(ref _run) ?? throw new InvalidOperationException("clear_output() was called while no cell is running.");
        run.ClearOutput(wait);
    }

    internal DisplayHandle DisplayFromCode(object? value)
    {
        var run = Volatile.Read(ref _run) ?? throw new InvalidOperationException("display() was called while no cell is running.");
        var id = "mallard-display-" + Interlocked.Increment(ref _displayCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        run.Display(_formatter.Format(value), id);
        return new DisplayHandle(id, updated =>
        {
            var current = Volatile.Read(ref _run) ?? run;
            current.UpdateDisplay(_formatter.Format(updated), id);
        });
    }

    /// <summary>
    /// Shows a value that code displayed through .NET Interactive's formatting (<c>x.Display()</c>, <c>DisplayAs</c>,
    /// <c>DisplayTable</c>), as notebooks written for Polyglot do: Mallard's own values as Mallard shows them, others in the
    /// forms .NET Interactive made of them. Nothing happens when no cell runs.
    /// </summary>
    internal void ShowFormatted(object? value, IEnumerable<(string MimeType, string Value)> formatted, string displayId, bool update)
    {
        var run = Volatile.Read(ref _run);
        if (run is null) return;
        var bundle = value is Frame or Mallard.Display.FormattedTable or Mallard.Display.Plotly.Figure or Mallard.Display.Kpi.KpiCard or Mallard.Display.Kpi.KpiCards or Mallard.Display.Markdown
            || value?.GetType().FullName?.StartsWith("Plotly.NET.GenericChart", StringComparison.Ordinal) == true
            ? _formatter.Format(value)
            : formatted.Aggregate(Mallard.Display.MimeBundle.Empty, (b, f) =>
                f.MimeType.EndsWith("json", StringComparison.Ordinal) ? b.WithJson(f.MimeType, f.Value) : b.WithText(f.MimeType, f.Value));
        if (update) run.UpdateDisplay(bundle, displayId);
        else run.Display(bundle, displayId);
    }

    internal DuckDbConnection ConnectFromCode(bool readOnly, string? path)
    {
        var connection = NotebookConnections.Open(WarehousePath, WorkingDirectory, readOnly, path);
        lock (_userConnections) _userConnections.Add(new WeakReference<DuckDbConnection>(connection));
        return connection;
    }

    /// <summary>
    /// <c>use_connection(kind, target)</c> in a C# cell: opens a connection as <c>#!connect KIND TARGET</c> does and makes it the
    /// current one, so the SQL cells after it run there (a notebook parameter can choose its database this way). Says so on
    /// the cell's output.
    /// </summary>
    internal void UseConnectionFromCode(string kind, string target, string? name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var provider = Options.ConnectionProviders.FirstOrDefault(p => string.Equals(p.Kind, kind.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"use_connection: '{kind}' is not a kind of connection this session opens; it opens {string.Join(", ", ConnectionKinds)}.", nameof(kind));
        var connection = Magics.Commands.ConnectMagic.Connect(this, provider, name ?? Magics.Commands.ConnectMagic.DefaultName(provider.Kind, target), target,
            readOnly: false, providerType: null, makeCurrent: true);
        Volatile.Read(ref _run)?.Write(OutputStreamKind.Stdout, Magics.Commands.ConnectMagic.Described(connection) + " It is now the current connection.\n");
    }

    internal Frame QueryFromCode(DuckDbConnection connection, string sql, object? parameters) =>
        connection.Query(sql, SqlParameters.FromObject(parameters), CurrentCancellation);

    internal object? TakeShared(string name)
    {
        lock (_shared)
        {
            _shared.Remove(name, out var value);
            return value;
        }
    }
}
