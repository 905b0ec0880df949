using Mallard.Display;

namespace Mallard.Interactive;

/// <summary>How <see cref="MallardInteractive.LoadAsync"/> sets Mallard up in a .NET Interactive kernel.</summary>
public sealed record MallardInteractiveOptions
{
    /// <summary>The defaults: the warehouse where the Mallard tool looks for it, a SQL kernel <c>sql</c>, the host's <c>csharp</c> kernel.</summary>
    public static MallardInteractiveOptions Default { get; } = new();

    /// <summary>
    /// The gold warehouse the <see cref="SqlKernelName"/> kernel and <c>connect()</c> open read-only. Null: <c>MALLARD_WAREHOUSE</c>
    /// when set, else <c>warehouse/mallard.duckdb</c> of the Mallard repository above the working directory, else the user's
    /// Mallard data folder (as the <c>mallard</c> tool decides).
    /// </summary>
    public string? WarehousePath { get; init; }

    /// <summary>
    /// The name of the warehouse's SQL kernel: <c>sql</c>, so that cells written for the Mallard kernel (<c>#!sql --name x</c>)
    /// run unchanged. It also answers to <c>warehouse</c> and <c>sql-warehouse</c>.
    /// </summary>
    public string SqlKernelName { get; init; } = "sql";

    /// <summary>The host's C# kernel: where <c>connect()</c>/<c>query_df</c> are imported and whose variables SQL cells read.</summary>
    public string CSharpKernelName { get; init; } = "csharp";

    /// <summary>
    /// Whether loading references Mallard's assemblies in the C# kernel and imports its namespaces and helpers there. The
    /// package's <c>extension.dib</c> sets it false and imports in a cell of its own: a submission sent to the C# kernel while
    /// another C# cell runs (the one loading Mallard) would be forgotten when that cell ends.
    /// </summary>
    public bool ImportIntoCSharp { get; init; } = true;

    /// <summary>Directory relative paths resolve against (the notebook's folder). Null: the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>How tables and charts are displayed.</summary>
    public DisplayOptions Display { get; init; } = DisplayOptions.Default;

    /// <summary>
    /// Whether charts carry <c>application/vnd.plotly.v1+json</c> beside their HTML. Null: yes, except under the
    /// <c>dotnet-interactive jupyter</c> front end, which sends every MIME type but <c>application/json</c> as a string, so a
    /// Plotly renderer there would get text instead of a figure (the HTML form draws it instead).
    /// </summary>
    public bool? PlotlyJson { get; init; }
}
