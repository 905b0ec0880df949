using Mallard.Display;
using Mallard.Engine.Code;
using Mallard.Engine.Connections;

namespace Mallard.Engine;

/// <summary>How a <see cref="Session"/> starts. Immutable; each session owns its own.</summary>
public sealed record SessionOptions
{
    /// <summary>
    /// The defaults: SQL cells and magics (no code language: set <see cref="CSharp"/> for C# cells), an in-memory DuckDB
    /// database as the default connection, DuckDB and ADO.NET connections, no files written.
    /// </summary>
    public static SessionOptions Default { get; } = new();

    /// <summary>
    /// The DuckDB file opened (read-only unless <see cref="WarehouseReadOnly"/> is false) as the default connection,
    /// named "warehouse", on first use. The host decides where it is. Null or empty: the default connection is an
    /// in-memory database. A path whose file is missing also gives an in-memory database, with a note saying so.
    /// </summary>
    public string? WarehousePath { get; init; }

    /// <summary>
    /// The kinds of connection <c>#!connect</c> opens, one provider each (the host adds others, such as PostgreSQL).
    /// DuckDB's provider is needed for the default connection.
    /// </summary>
    public IReadOnlyList<IConnectionProvider> ConnectionProviders { get; init; } = [DuckDbConnectionProvider.Instance, AdoConnectionProvider.Instance];

    /// <summary>
    /// Opens the session's default connection, in place of <see cref="WarehousePath"/>: for a host whose session is bound to
    /// one connection it opened itself (a SQL kernel of the .NET Interactive extension). Called once, on first use; the
    /// session owns and closes what it returns.
    /// </summary>
    public Func<SessionConnection>? DefaultConnection { get; init; }

    /// <summary>Whether the default warehouse connection is opened read-only (the default).</summary>
    public bool WarehouseReadOnly { get; init; } = true;

    /// <summary>
    /// Whether a missing <see cref="WarehousePath"/> file is created (when not read-only) rather than replaced by an
    /// in-memory database: a host that was given a database file to work in (the REPL's DATABASE) means that file.
    /// </summary>
    public bool CreateWarehouse { get; init; }

    /// <summary>Directory that <c>#r</c>, <c>#load</c> and relative paths in magics resolve against (the notebook's folder). Null: the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// The language of C# cells: Mallard.Scripting's <c>CSharpScripting.Language</c> (Roslyn scripting). Null: the session runs SQL and
    /// magics only and loads no compiler (a host with a C# of its own, such as .NET Interactive, gives none).
    /// </summary>
    public CodeLanguage? CSharp { get; init; }

    /// <summary>
    /// The variables SQL cells bind and store when the session has no <see cref="CSharp"/> (the host's own values);
    /// null: the session keeps them itself. With C#, SQL cells share the C# cells' variables.
    /// </summary>
    public IVariableSource? Variables { get; init; }

    /// <summary>Where the session may write files for the user (<c>#!chart --html</c>); null: it writes none.</summary>
    public ISessionFiles? Files { get; init; }

    /// <summary>The language of cells that start with no language magic (SQL whenever the session has no <see cref="CSharp"/>).</summary>
    public CellLanguage DefaultLanguage { get; init; } = CellLanguage.CSharp;

    /// <summary>
    /// Formatters the host adds, asked before the built-in ones (a terminal host renders frames for its screen; a
    /// notebook host may add its own types). The host then shows the bundles the session gives it.
    /// </summary>
    public IReadOnlyList<IDisplayFormatter> Formatters { get; init; } = [];

    /// <summary>Display settings for tables and charts the session formats.</summary>
    public DisplayOptions Display { get; init; } = DisplayOptions.Default;

    /// <summary>How long an operation runs before progress is reported.</summary>
    public TimeSpan ProgressDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often progress is reported after that.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
