using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Mallard.Data;
using Mallard.DuckDb;

namespace Mallard.Engine.Scripting;

/// <summary>
/// What every C# cell can use without qualification: <c>display</c>, the <c>connect</c>/<c>query_df</c> helpers of
/// the analysis notebooks, and the cell's <see cref="CancellationToken"/>. Snake-case names follow the helpers the
/// notebooks were written with.
/// </summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "The notebook helpers' established names.")]
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The notebook helpers' established names.")]
public sealed class CellGlobals
{
    private readonly Session _session;

    internal CellGlobals(Session session) => _session = session;

    /// <summary>The running cell's cancellation: cancelled when the cell is interrupted. Long loops should observe it.</summary>
    public CancellationToken CancellationToken => _session.CurrentCancellation;

    /// <summary>Shows <paramref name="value"/> now, as a table, chart or text; returns a handle to update it in place.</summary>
    public DisplayHandle display(object? value) => _session.DisplayFromCode(value);

    /// <summary>Clears what this cell has shown so far; with <paramref name="wait"/>, when it next shows something (as IPython's clear_output).</summary>
    public void clear_output(bool wait = false) => _session.ClearFromCode(wait);

    /// <summary>Text to show as HTML (as Polyglot's <c>HTML("...")</c>): a cell's value or an argument of <c>display</c>.</summary>
    public Microsoft.AspNetCore.Html.IHtmlContent HTML(string content) => new Microsoft.AspNetCore.Html.HtmlString(content);

    /// <summary>
    /// Opens a DuckDB connection: the gold warehouse by default (read-only), or the database at <paramref name="path"/>
    /// (relative to the notebook). The caller owns it; an interrupt cancels what it runs.
    /// </summary>
    public DuckDbConnection connect(bool read_only = true, string? path = null) => _session.ConnectFromCode(read_only, path);

    /// <summary>
    /// Opens a connection as <c>#!connect KIND TARGET</c> does (<paramref name="kind"/> "postgres", "duckdb", ...) and makes it the
    /// current one: the SQL cells that follow run on it. For a notebook whose parameter says which database to read.
    /// </summary>
    public void use_connection(string kind, string target, string? name = null) => _session.UseConnectionFromCode(kind, target, name);

    /// <summary>
    /// Runs <paramref name="sql"/> on <paramref name="con"/> and returns the result as a Frame. <paramref name="params"/>
    /// binds parameters: an anonymous object or dictionary for <c>$name</c>, a list for <c>?</c>/<c>$1</c>.
    /// </summary>
    public Frame query_df(DuckDbConnection con, string sql, object? @params = null)
    {
        ArgumentNullException.ThrowIfNull(con);
        ArgumentNullException.ThrowIfNull(sql);
        return _session.QueryFromCode(con, sql, @params);
    }

    /// <summary>Used by the engine to hand values from SQL cells to C#.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public object? TakeSharedValue(string name) => _session.TakeShared(name);
}
