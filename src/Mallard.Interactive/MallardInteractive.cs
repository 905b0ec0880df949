using Mallard.Display;
using Mallard.Engine.Connections;
using Mallard.Warehouse;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;

namespace Mallard.Interactive;

/// <summary>
/// Sets Mallard up in a .NET Interactive <see cref="CompositeKernel"/>: Mallard's formatters for frames, charts, KPI cards
/// and Markdown; a read-only SQL kernel over the gold warehouse; <c>#!connect duckdb</c> and <c>#!connect postgres</c>; and
/// <c>connect()</c>/<c>query_df</c> in the C# kernel. A host that builds its own kernel calls <see cref="LoadAsync"/>;
/// Polyglot Notebooks and the <c>dotnet-interactive</c> tool call it when <c>#r "nuget: Mallard.Interactive"</c> loads the package.
/// </summary>
public static class MallardInteractive
{
    /// <summary>The names of Mallard's assemblies' namespaces a C# cell gets without <c>using</c>, as in the Mallard kernel.</summary>
    internal static readonly string[] Namespaces =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading", "System.Threading.Tasks", "Mallard.Data", "Mallard.Display", "Mallard.Display.Plotly", "Mallard.Display.Kpi", "Mallard.DuckDb", "Mallard.Interactive"];

    /// <summary>What a C# cell runs to get Mallard's namespaces and <c>connect()</c>/<c>query_df</c> (the package's extension.dib runs the same).</summary>
    public static string CSharpImports { get; } =
        string.Concat(Namespaces.Select(n => $"using {n};\n")) + "using static Mallard.Interactive.NotebookHelpers;\n";

    /// <summary>Loads Mallard into the composite kernel that <paramref name="kernel"/> belongs to. Loading twice does nothing more.</summary>
    public static async Task LoadAsync(Kernel kernel, MallardInteractiveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        options ??= MallardInteractiveOptions.Default;
        if ((kernel.RootKernel ?? kernel) is not CompositeKernel root)
            throw new InvalidOperationException("Mallard loads into a CompositeKernel (the kernel of a Polyglot notebook); this kernel has no composite root.");
        if (root.ChildKernels.OfType<MallardSqlKernel>().Any(k => k.IsWarehouse))
        {
            if (KernelInvocationContext.Current is { } current) KernelInvocationContextExtensions.Display(current, "Mallard is already loaded.", "text/plain");
            return;
        }

        var workingDirectory = Path.GetFullPath(options.WorkingDirectory ?? Directory.GetCurrentDirectory());
        var plotlyJson = options.PlotlyJson ?? root.FrontendEnvironment?.GetType().Name != "HtmlNotebookFrontendEnvironment";
        var host = new MallardHost(
            root,
            options.CSharpKernelName,
            workingDirectory,
            Path.GetFullPath(options.WarehousePath ?? WarehouseLocation.DefaultPath(workingDirectory)),
            new FormatterRegistry(options.Display),
            plotlyJson);
        MallardHost.Current = host;
        InteractiveFormatting.Register(host);

        var warehouse = host.WarehousePath;
        var sql = new MallardSqlKernel(options.SqlKernelName, host, isWarehouse: true, () => OpenWarehouse(warehouse, workingDirectory), $"the gold warehouse ({warehouse}), read-only");
        root.Add(sql, [.. new[] { "warehouse", "sql-warehouse" }.Where(a => !string.Equals(a, options.SqlKernelName, StringComparison.Ordinal))]);
        // The composite gives an alias a directive of its own without the kernel's options: give it --name, --quiet, --limit, --format and --labels too.
        foreach (var alias in root.KernelInfo.SupportedDirectives.OfType<KernelSpecifierDirective>().Where(d => d.KernelName == sql.Name && d != sql.KernelSpecifierDirective))
        {
            foreach (var parameter in sql.KernelSpecifierDirective.Parameters.Where(p => alias.Parameters.All(a => a.Name != p.Name))) alias.Parameters.Add(parameter);
        }
        // The stop button: a Cancel interrupts every running Mallard query directly, whichever operation .NET Interactive's
        // scheduler counts as current when it arrives (its own cancellation reaches the running cell's token only then).
        root.AddMiddleware(async (command, context, next) =>
        {
            if (command is Cancel) InterruptAll(root);
            await next(command, context).ConfigureAwait(false);
        });
        root.AddConnectDirective(new ConnectDuckDbDirective(host));
        root.AddConnectDirective(new ConnectPostgresDirective(host));

        if (options.ImportIntoCSharp) await ImportIntoCSharpAsync(root, options.CSharpKernelName).ConfigureAwait(false);

        if (KernelInvocationContext.Current is { } context) KernelInvocationContextExtensions.Display(context, new HtmlString(
            "<details><summary>Mallard is loaded: SQL over DuckDB warehouses, with tables, charts and KPI cards.</summary>"
            + $"<p><code>#!{options.SqlKernelName}</code> cells run SQL on the gold warehouse (<code>{System.Net.WebUtility.HtmlEncode(warehouse)}</code>, read-only); "
            + "<code>--name x</code> keeps the result as a Frame in C#, and <code>$x</code> in SQL binds a C# value. "
            + "<code>#!connect duckdb --kernel-name NAME \"Data Source=FILE\"</code> and <code>#!connect postgres --kernel-name NAME \"Host=...\"</code> add more. "
            + "C# cells have <code>connect()</code> and <code>query_df(con, sql, params)</code>; <code>display()</code> shows frames, charts, KPI cards and Markdown.</p></details>"),
            "text/html");
    }

    private static void InterruptAll(CompositeKernel root)
    {
        foreach (var kernel in root.ChildKernels.OfType<MallardSqlKernel>()) kernel.Session.Interrupt();
    }

    private static SessionConnection OpenWarehouse(string path, string workingDirectory)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The gold warehouse was not found at {path}. Build it with `mallard warehouse build`, or set MALLARD_WAREHOUSE to its path before loading Mallard.", path);
        }
        return DuckDbConnectionProvider.Open("warehouse", path, readOnly: true, workingDirectory);
    }

    /// <summary>References Mallard's assemblies in the C# kernel and imports their namespaces and the notebook helpers.</summary>
    private static async Task ImportIntoCSharpAsync(CompositeKernel root, string csharpName)
    {
        if (!root.ChildKernels.TryGetByAlias(csharpName, out var csharp)) return;
        var assemblies = new[]
        {
            typeof(Mallard.Data.Frame).Assembly, typeof(Mallard.DuckDb.DuckDbConnection).Assembly, typeof(FormatterRegistry).Assembly,
            typeof(Mallard.Engine.Session).Assembly, typeof(MallardInteractive).Assembly,
        };
        var code = string.Concat(assemblies.Where(a => a.Location.Length > 0).Select(a => $"#r \"{a.Location.Replace("\\", "\\\\", StringComparison.Ordinal)}\"\n"))
            + CSharpImports;
        var submit = new SubmitCode(code);
        if (KernelInvocationContext.Current?.Command is { } parent) submit.SetParent(parent);
        var result = await csharp.SendAsync(submit).ConfigureAwait(false);
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException("Mallard could not import its helpers into the C# kernel: " + failed.Message);
    }
}
