using System.Globalization;
using Mallard.Display;
using Mallard.Engine.Code;
using Mallard.Engine.Scripting.Packages;
using Mallard.Engine.Completion;
using Mallard.Engine.Internal;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;

namespace Mallard.Engine.Scripting;

/// <summary>A session's C#: runs cells on <see cref="CSharpEngine"/>, whose variables are the session's.</summary>
internal sealed class CSharpRunner : ICodeRunner
{
    private readonly Session _session;
    private readonly CSharpEngine _engine;

    /// <summary>The runner whose cell runs on this flow, for displays made through .NET Interactive's formatting.</summary>
    private static readonly AsyncLocal<CSharpRunner?> Running = new();
    private static int s_subscribed;

    public CSharpRunner(Session session)
    {
        _session = session;
        // x.Display(), DisplayAs and DisplayTable (from .NET Interactive's formatting, as Polyglot notebooks use them) show in the cell.
        if (Interlocked.Exchange(ref s_subscribed, 1) == 0) Microsoft.DotNet.Interactive.Formatting.Formatter.SubscribeToDisplayedValues(OnDisplayed);
        _engine = new CSharpEngine(session.WorkingDirectory, new CellGlobals(session));
        // What cell code writes with Console goes to the cell that runs it: C# cells are why the process's console is
        // routed, so a session without them leaves the host's console alone.
        ConsoleRouter.Install();
    }

    public IReadOnlyList<SessionVariable> Variables => [.. _engine.Variables.Select(v => new SessionVariable(v.Name, v.Type, v.Value))];

    public bool TryGetVariable(string name, out SessionVariable variable)
    {
        var found = _engine.TryGetVariable(name, out var engineVariable);
        variable = found ? new SessionVariable(engineVariable.Name, engineVariable.Type, engineVariable.Value) : null!;
        return found;
    }

    public void SetVariable(string name, Type type, object? value) => _engine.Share(name, type, value);

    public bool IsValidName(string name) => SyntaxFacts.IsValidIdentifier(name);

    public async Task RunAsync(string code, int offset, CellRun run)
    {
        var previous = Running.Value;
        Running.Value = this;
        try
        {
            await RunCellAsync(code, offset, run).ConfigureAwait(false);
        }
        finally
        {
            Running.Value = previous;
        }
    }

    private static void OnDisplayed(Microsoft.DotNet.Interactive.Formatting.DisplayedValue displayed)
    {
        if (Running.Value is not { } runner)
        {
            Microsoft.DotNet.Interactive.Formatting.Formatter.WriteToConsole(displayed);
            return;
        }
        runner._session.ShowFormatted(displayed.Value, displayed.FormattedValues.Select(f => (f.MimeType, f.Value)), displayed.DisplayId, displayed.IsUpdated);
    }

    private async Task RunCellAsync(string code, int offset, CellRun run)
    {
        var packages = PackageDirectives.Parse(code);
        IReadOnlyList<string>? references = null;
        if (packages.Any)
        {
            references = await InstallAsync(packages, offset, run).ConfigureAwait(false);
            code = packages.Code;
        }
        CSharpRun result;
        try
        {
            result = await _engine.RunAsync(code, run.CancellationToken, references).ConfigureAwait(false);
        }
        catch (CompilationErrorException e)
        {
            throw new CellFailureException(CompilationErrors.From(e.Diagnostics, _session.CellText, _session.LineOf(offset)));
        }
        if (result.Exception is { } exception)
        {
            if (run.CancellationToken.IsCancellationRequested && Interruption(exception) is { } interrupted) throw interrupted;
            throw new CellFailureException(ErrorFormatter.Runtime(exception, _session.LineOf(offset)));
        }
        // display(x) as a cell's last line has shown x already: its handle is no result.
        if (result.HasValue && result.Value is not null and not DisplayHandle)
        {
            run.Result(_session.Formatter.Format(result.Value));
        }
    }

    /// <summary>
    /// The cancellation an interrupted cell ended with, also where <c>Parallel.For</c> or PLINQ gathered the cancellations of
    /// its workers into an <see cref="AggregateException"/>; null when something else ended it.
    /// </summary>
    private static OperationCanceledException? Interruption(Exception exception) => exception switch
    {
        OperationCanceledException cancelled => cancelled,
        AggregateException all when all.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(e => e is OperationCanceledException) => (OperationCanceledException)inner[0],
        _ => null,
    };

    /// <summary>Restores what the cell's <c>#r "nuget:"</c> and <c>#i "nuget:"</c> lines ask for, before the cell compiles.</summary>
    private async Task<IReadOnlyList<string>> InstallAsync(PackageDirectives packages, int offset, CellRun run)
    {
        // Polyglot notebooks load its SQL connectors before #!connect; Mallard has those built in.
        var builtIn = packages.Packages.Where(p => BuiltInConnectors.ContainsKey(p.Package.Id)).ToList();
        foreach (var (package, _) in builtIn)
            run.Write(OutputStreamKind.Stdout, $"{package.Id} is not needed in Mallard: {BuiltInConnectors[package.Id]}\n");
        var wanted = packages.Packages.Where(p => !BuiltInConnectors.ContainsKey(p.Package.Id)).Select(p => p.Package).ToList();
        if (wanted.Count == 0)
        {
            // A cell of #i lines alone names feeds for later cells. One whose packages are all built in restores nothing, and
            // its feeds served only those (they may not even be reachable here), so they are not kept.
            if (builtIn.Count == 0) _engine.Packages.AddSources([.. packages.Sources.Select(s => s.Source)]);
            return [];
        }
        IReadOnlyList<InstalledPackage> installed;
        var restores = _engine.Packages.RestoreCount;
        try
        {
            installed = await _engine.Packages.RestoreAsync(wanted, [.. packages.Sources.Select(s => s.Source)], run.CancellationToken).ConfigureAwait(false);
        }
        catch (PackageRestoreException e)
        {
            // The line of the source NuGet names, if it names one of the cell's, else the cell's first #r line.
            var at = packages.Sources.FirstOrDefault(s => e.Message.Contains(s.Source, StringComparison.OrdinalIgnoreCase)) is { Source: not null } named
                ? named.Position
                : packages.Packages.Count > 0 ? packages.Packages[0].Position : packages.Sources[0].Position;
            var line = _session.LineOf(offset + at) + 1;
            var requested = string.Join(", ", packages.Packages.Select(p => p.Package.ToString()));
            var message = $"Could not install {(requested.Length > 0 ? requested : "the packages")} (line {line.ToString(CultureInfo.InvariantCulture)}): {e.Message}";
            throw new CellFailureException(new CellError(CellErrorKind.Compilation, "PackageError", message, [message], line));
        }
        var asked = packages.Packages.Select(p => p.Package.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var shown = installed.Where(p => asked.Contains(p.Id)).Select(p => $"{p.Id} {p.Version}").ToList();
        IReadOnlyList<string> references = [.. packages.Packages.SelectMany(p => _engine.Packages.AssembliesFor(p.Package.Id) ?? []).Distinct(StringComparer.Ordinal)];
        if (shown.Count == 0) return references;
        var text = "Installed " + string.Join(", ", shown) + (_engine.Packages.RestoreCount == restores ? " (restored earlier; from Mallard's package cache)" : "");
        run.Display(MimeBundle.Empty.WithText(MimeTypes.PlainText, text + "\n").WithText(MimeTypes.Html, "<div>" + System.Net.WebUtility.HtmlEncode(text) + "</div>"));
        return references;
    }

    /// <summary>Polyglot's SQL connector packages and Mallard's own extension for Polyglot, and what does their work here.</summary>
    private static readonly Dictionary<string, string> BuiltInConnectors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Mallard.Interactive"] = "this is Mallard: its SQL kernels, connect(), query_df and displays are built in.",
        ["Microsoft.DotNet.Interactive.DuckDB"] = "#!connect duckdb --kernel-name NAME \"Data Source=FILE\" is built in.",
        ["Microsoft.DotNet.Interactive.PostgreSql"] = "#!connect postgres --kernel-name NAME \"CONNECTION STRING\" is built in.",
        ["Microsoft.DotNet.Interactive.SQLite"] = "#!connect sqlite --kernel-name NAME \"Data Source=FILE\" is built in (it needs #r \"nuget: Microsoft.Data.Sqlite\").",
        ["Microsoft.DotNet.Interactive.SqlServer"] = "#!connect mssql is not: connect to SQL Server with #r \"nuget: Microsoft.Data.SqlClient\" and #!connect ado --provider \"Microsoft.Data.SqlClient.SqlClientFactory, Microsoft.Data.SqlClient\".",
    };

    public Task<CompletionResult> CompleteAsync(string code, int position, CellRegion region, CancellationToken cancellationToken) =>
        CSharpCompletion.CompleteAsync(_engine, code, position, region, cancellationToken);

    public Task<InspectionResult> InspectAsync(string code, int position, CellRegion region, CancellationToken cancellationToken) =>
        CSharpCompletion.InspectAsync(_engine, code, position, region, cancellationToken);

    public Task WarmUpAsync(CancellationToken cancellationToken) => _engine.WarmUpAsync(cancellationToken);

    public Task OptimizeCompilerAsync(CancellationToken cancellationToken) => _engine.OptimizeCompilerAsync(cancellationToken);

    public bool IsComplete(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Preview, kind: Microsoft.CodeAnalysis.SourceCodeKind.Script));
        return SyntaxFactory.IsCompleteSubmission(tree);
    }

    public void Dispose()
    {
    }
}
