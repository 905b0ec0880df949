namespace Mallard.Engine.Connections;

/// <summary>
/// One kind of connection <c>#!connect KIND</c> opens (DuckDB, PostgreSQL, any ADO.NET provider). A host gives its
/// session the providers it wants (<see cref="SessionOptions.ConnectionProviders"/>); the engine knows none by name.
/// </summary>
public interface IConnectionProvider
{
    /// <summary>The kind as <c>#!connect</c> takes it, lower case: <c>duckdb</c>, <c>postgres</c>, <c>ado</c>.</summary>
    string Kind { get; }

    /// <summary>What the target is, for help and errors: <c>PATH|:memory:</c>, <c>"CONNECTION STRING"</c>.</summary>
    string TargetHelp { get; }

    /// <summary>Whether <c>--read-only</c> applies (the server's own roles govern the others).</summary>
    bool SupportsReadOnly { get; }

    /// <summary>Whether <c>--provider TYPE</c> applies.</summary>
    bool TakesProviderType { get; }

    /// <summary>Opens the connection; bad input throws an exception whose message names the problem.</summary>
    SessionConnection Open(ConnectionRequest request);
}
