using System.Diagnostics.CodeAnalysis;
using Mallard.Data;
using Mallard.DuckDb;
using Mallard.Engine;
using Microsoft.DotNet.Interactive;

namespace Mallard.Interactive;

/// <summary>
/// <c>connect()</c> and <c>query_df</c> for C# cells, as in the Mallard kernel and the analyses' Python helpers; the
/// extension imports them with <c>using static</c>. Snake-case names follow those helpers.
/// </summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "The notebook helpers' established names.")]
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The notebook helpers' established names.")]
public static class NotebookHelpers
{
    /// <summary>
    /// Opens a DuckDB connection: the gold warehouse by default (read-only), or the database at <paramref name="path"/>
    /// (relative to the notebook). The caller owns it.
    /// </summary>
    public static DuckDbConnection connect(bool read_only = true, string? path = null)
    {
        var host = MallardHost.Current ?? throw new InvalidOperationException("Mallard is not loaded in this kernel: run #r \"nuget: Mallard.Interactive\" first.");
        return NotebookConnections.Open(host.WarehousePath, host.WorkingDirectory, read_only, path);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> on <paramref name="con"/> and returns the result as a Frame. <paramref name="params"/> binds
    /// parameters: an anonymous object or dictionary for <c>$name</c>, a list for <c>?</c>/<c>$1</c>. The cell's stop button
    /// interrupts the query.
    /// </summary>
    public static Frame query_df(DuckDbConnection con, string sql, object? @params = null)
    {
        ArgumentNullException.ThrowIfNull(con);
        ArgumentNullException.ThrowIfNull(sql);
        var cancellation = KernelInvocationContext.Current?.CancellationToken ?? CancellationToken.None;
        return con.Query(sql, SqlParameters.FromObject(@params), cancellation);
    }
}
