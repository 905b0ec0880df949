using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Mallard.Engine.Scripting.Packages;

namespace Mallard.Engine.Scripting;

/// <summary>
/// C# cells on Roslyn scripting: one chain of submissions, so variables, types, usings and methods persist from cell
/// to cell. A submission that fails to compile leaves the chain as it was; one that throws keeps what it declared.
/// </summary>
internal sealed class CSharpEngine
{
    private static readonly string[] DefaultImports =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading",
        "System.Threading.Tasks", "Mallard.Data", "Mallard.Display", "Mallard.Display.Plotly", "Mallard.Display.Kpi",
        "Mallard.DuckDb",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(LoadFrameworkReferences);

    private readonly CellGlobals _globals;
    private readonly Lock _stateLock = new();
    private readonly ScriptOptions _options;
    private readonly ScriptOptions _continuationOptions;
    private ScriptState<object>? _state;
    private readonly CompiledCells _compiled = new();
    private readonly Dictionary<string, (Type Type, object? Value)> _pending = new(StringComparer.Ordinal);

    public CSharpEngine(string workingDirectory, CellGlobals globals)
    {
        _globals = globals;
        Packages = new PackageRestorer(workingDirectory);
        _options = ScriptOptions.Default
            .WithReferences(FrameworkReferences.Value)
            .AddReferences(
                typeof(Mallard.Data.Frame).Assembly,
                typeof(Mallard.DuckDb.DuckDbConnection).Assembly,
                typeof(Mallard.Display.MimeBundle).Assembly,
                typeof(Session).Assembly,
                typeof(CellGlobals).Assembly)
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(workingDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(workingDirectory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithFilePath(Path.Combine(workingDirectory, CellFileName))
            .WithLanguageVersion(LanguageVersion.Preview)
            .WithAllowUnsafe(true)
            .WithOptimizationLevel(OptimizationLevel.Debug);
        // A submission inherits the references and imports of the chain before it. Giving them again to every
        // continuation adds each reference once more per cell to the compilation's reference map, which Roslyn keeps
        // for the rest of the session: memory per cell then grows with the length of the chain.
        _continuationOptions = _options.WithReferences(ImmutableArray<MetadataReference>.Empty).WithImports(ImmutableArray<string>.Empty);
    }

    /// <summary>The NuGet packages cells asked for with <c>#r "nuget:"</c>.</summary>
    public PackageRestorer Packages { get; }

    /// <summary>The file name stack traces and diagnostics give for cell code.</summary>
    public const string CellFileName = "cell.csx";


    /// <summary>The last successful state of the chain, or null before the first C# cell.</summary>
    public ScriptState<object>? State
    {
        get
        {
            lock (_stateLock) return _state;
        }
    }

    /// <summary>Variables in declaration order, the latest of each name only, including values handed over by SQL cells.</summary>
    public IReadOnlyList<EngineVariable> Variables
    {
        get
        {
            var latest = new Dictionary<string, EngineVariable>(StringComparer.Ordinal);
            var order = new List<string>();
            void Add(EngineVariable v)
            {
                order.Remove(v.Name);
                order.Add(v.Name);
                latest[v.Name] = v;
            }
            foreach (var v in State?.Variables ?? []) Add(new EngineVariable(v.Name, v.Type, v.Value));
            lock (_pending)
            {
                foreach (var (name, (type, value)) in _pending) Add(new EngineVariable(name, type, value));
            }
            return [.. order.Select(n => latest[n])];
        }
    }

    public bool TryGetVariable(string name, out EngineVariable variable)
    {
        lock (_pending)
        {
            if (_pending.TryGetValue(name, out var pending))
            {
                variable = new EngineVariable(name, pending.Type, pending.Value);
                return true;
            }
        }
        var found = State?.GetVariable(name);
        variable = found is null ? null! : new EngineVariable(found.Name, found.Type, found.Value);
        return found is not null;
    }

    /// <summary>
    /// Readies the compiler so that the first cell takes about as long as any other: starts the session's chain with an empty
    /// submission (the costly one, with every reference and import; unless a cell has started the chain meanwhile), then
    /// compiles and runs a throwaway continuation of it, which is not kept. Variables are untouched.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var start = State;
        if (start is null)
        {
            var first = await CSharpScript.Create("", _options, typeof(CellGlobals)).RunAsync(_globals, _ => true, cancellationToken).ConfigureAwait(false);
            lock (_stateLock) start = _state ??= first;
        }
        // A throwaway cell down the path a first cell takes: the interrupt-point rewrite (a loop in a lambda), the compile
        // check, and a run outside the chain in a collectible load context. It declares nothing and keeps nothing.
        await RunThrowawayAsync(OptimizeText(1, 0), start, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="text"/> as a new cell would, against <paramref name="start"/> and outside the chain: it keeps nothing.</summary>
    private Task<CSharpRun> RunThrowawayAsync(string text, ScriptState<object> start, CancellationToken cancellationToken)
    {
        var trailing = HasTrailingExpression(text);
        return WithInterruptPoints(text, t => ContinueAsync(start.Script.ContinueWith(t, _continuationOptions), start, trailing, join: false, cacheKey: null, cancellationToken));
    }

    /// <summary>
    /// Has the runtime optimise the compiler's own code while the user reads (about a second). Cells may run meanwhile:
    /// each throwaway compile is a few milliseconds beside them, and none joins the chain.
    /// </summary>
    /// <remarks>
    /// The runtime starts with Roslyn's precompiled code and replaces a method with optimised code once it has been called
    /// 30 times after a spell of about 100 ms with no newly compiled method (with profile-guided optimisation on, as in a
    /// library host, a method takes two such steps). Cells run back to back never leave that spell, so without this the
    /// compiler kept its start-up code for the whole of a busy session: a new cell's emit took 4-6 ms instead of 2. So: three
    /// rounds (a method first reached in one round is counted in the next), each after a pause longer than the runtime's, of
    /// more throwaway compiles than the call count, each down a new cell's path (the declaration check, the emit, a
    /// collectible load, the run), while the runtime's own thread compiles what they call.
    /// </remarks>
    public async Task OptimizeCompilerAsync(CancellationToken cancellationToken)
    {
        var distinct = 0;
        for (var round = 0; round < OptimizeRounds; round++)
        {
            await Task.Delay(TieringPause, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < OptimizeCompilesPerRound; i++)
            {
                if (State is not { } start) return;
                await RunThrowawayAsync(OptimizeText(i, ++distinct), start, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private const int OptimizeRounds = 3;

    /// <summary>Above the runtime's call count (30), so that a method called once per compile is promoted too.</summary>
    private const int OptimizeCompilesPerRound = 35;

    /// <summary>Longer than the runtime's tiering delay (100 ms by default).</summary>
    private static readonly TimeSpan TieringPause = TimeSpan.FromMilliseconds(150);

    /// <summary>The <paramref name="index"/>th throwaway text (cycling) with <paramref name="number"/> in it, so that texts with new numbers are new cells.</summary>
    private static string OptimizeText(int index, int number) =>
        OptimizeTexts[index % OptimizeTexts.Length].Replace("NUM", number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Throwaway cells like users' (NUM becomes a number; the warm-up's cell is the loop in a lambda, the path a first cell's rewrite takes).</summary>
    private static readonly string[] OptimizeTexts =
    [
        "1 + NUM",
        "((System.Func<int>)(() => { var sum = NUM; foreach (var i in System.Linq.Enumerable.Range(0, 3)) sum += i * 2; return sum; }))()",
        "$\"{NUM:N0} rows\".Length",
        "new[] { NUM, 2, 3 }.Where(x => x > 1).Select(x => x * 2.5m).Sum()",
    ];

    /// <summary>Compiles and runs <paramref name="code"/>. Throws <see cref="CompilationErrorException"/> when it does not compile.</summary>
    /// <remarks>
    /// Roslyn scripting keeps every submission's compilation for the rest of the session, because later cells bind
    /// against it. Two rules keep a long session from growing with the number of cells run:
    /// <list type="bullet">
    /// <item>A cell that declares again a variable an earlier cell declared, with the same type (a notebook cell run
    /// again, a SQL result stored under the same name), assigns the existing variable instead of declaring a
    /// second one. The old value is released, as in other notebook kernels, and code from earlier cells that uses
    /// the variable sees the new value.</item>
    /// <item>A cell that then declares nothing (no variable, method, type, using or reference) runs against the
    /// chain without joining it, so its compilation is released once it has run, and its code is unloaded once
    /// nothing it made is in use (<see cref="DetachedSubmission"/>).</item>
    /// </list>
    /// </remarks>
    /// <param name="code">The cell's code.</param>
    /// <param name="cancellationToken">Cancels the cell.</param>
    /// <param name="references">Assemblies the cell references besides its own <c>#r</c> lines (its NuGet packages'), for it and the cells after it.</param>
    public async Task<CSharpRun> RunAsync(string code, CancellationToken cancellationToken, IReadOnlyList<string>? references = null)
    {
        var hasTrailingExpression = HasTrailingExpression(code);
        var (prefix, declared) = PendingPrefix(code);
        var previous = State;
        MetadataReference[] added = [.. (references ?? []).Select(p => MetadataReference.CreateFromFile(p))];
        // The cell's own flow carries its cancellation to the interrupt points the cell is compiled with.
        CellInterrupt.Current = cancellationToken;
        CSharpRun run;
        if (previous is null)
        {
            run = await WithInterruptPoints(code, async text =>
            {
                var script = CSharpScript.Create(Compose(prefix, text), _options.AddReferences(added), typeof(CellGlobals));
                var next = await script.RunAsync(_globals, _ => true, cancellationToken).ConfigureAwait(false);
                lock (_stateLock) _state = next;
                return Outcome(next.ReturnValue, next.Exception, hasTrailingExpression);
            }).ConfigureAwait(false);
        }
        else if (prefix.Length == 0 && added.Length == 0 && _compiled.TryGet(previous, code) is { } again)
        {
            // The same cell again on an unchanged chain (a cell run twice, a loop of runs): its code is already loaded.
            var detached = await DetachedSubmission.RunAsync(again, previous, cancellationToken).ConfigureAwait(false);
            run = Outcome(detached.Value, detached.Error, hasTrailingExpression);
        }
        else
        {
            var options = _continuationOptions.AddReferences(added);
            // A cell that adds references joins the chain, so that the cells after it have them.
            var join = added.Length > 0;
            var key = prefix.Length == 0 && !join ? code : null;
            run = await WithInterruptPoints(code, async text =>
            {
                var script = previous.Script.ContinueWith(Compose(prefix, text), options);
                var assigning = AssigningRedeclarations(script, previous, options, cancellationToken);
                try
                {
                    return await ContinueAsync(assigning ?? script, previous, hasTrailingExpression, join, key, cancellationToken).ConfigureAwait(false);
                }
                catch (CompilationErrorException) when (assigning is not null)
                {
                    // The assignments do not compile where the declarations did (or did not): run the cell as written.
                    return await ContinueAsync(script, previous, hasTrailingExpression, join, null, cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        lock (_pending)
        {
            foreach (var name in declared) _pending.Remove(name);
        }
        return run;
    }

    private static readonly InterruptPoints.Level[] Levels = [InterruptPoints.Level.Lambdas, InterruptPoints.Level.Results, InterruptPoints.Level.Waits, InterruptPoints.Level.Checks];

    /// <summary>
    /// Runs the cell built with interrupt points (<see cref="InterruptPoints"/>): with as many of its blocking calls made
    /// interruptible as compiles, else with checks only, else as written, whose compile errors then name the cell's own positions.
    /// Each text is compiled once, by the run itself: <paramref name="run"/> throws <see cref="CompilationErrorException"/> before it
    /// runs anything (the cell's own exceptions are its outcome, never thrown), and a rewrite that does not compile gives way to
    /// the next. Checking each rewrite first with <c>Script.Compile()</c> would compile it twice, and load it for good.
    /// </summary>
    private static async Task<CSharpRun> WithInterruptPoints(string code, Func<string, Task<CSharpRun>> run)
    {
        string? tried = null;
        foreach (var level in Levels)
        {
            var rewritten = InterruptPoints.Insert(code, level);
            if (ReferenceEquals(rewritten, code)) break;
            if (rewritten == tried) continue;
            tried = rewritten;
            try
            {
                return await run(rewritten).ConfigureAwait(false);
            }
            catch (CompilationErrorException)
            {
                // The rewrite does not compile here: try one with fewer changes.
            }
        }
        return await run(code).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="script"/>, a continuation of <paramref name="previous"/>, joining the chain only if it declares
    /// something. <paramref name="cacheKey"/> is the cell's text when its compiled code may serve it again on the same chain.
    /// </summary>
    private async Task<CSharpRun> ContinueAsync(Script<object> script, ScriptState<object> previous, bool hasTrailingExpression, bool join, string? cacheKey, CancellationToken cancellationToken)
    {
        var compilation = script.GetCompilation();
        var declares = join || DeclaresState(compilation);
        // A cell seen before on this chain is likely to run again: its code is kept, in a load context of its own.
        var keep = cacheKey is not null && _compiled.SeenBefore(previous, cacheKey);
        if (!declares && DetachedSubmission.TryCompile(compilation, previous, keep, cancellationToken) is { } factory)
        {
            if (keep) _compiled.Add(previous, cacheKey!, factory);
            var detached = await DetachedSubmission.RunAsync(factory, previous, cancellationToken, DetachedSubmission.LoadsSymbols(keep) ? null : compilation).ConfigureAwait(false);
            return Outcome(detached.Value, detached.Error, hasTrailingExpression);
        }
        var next = await script.RunFromAsync(previous, _ => true, cancellationToken).ConfigureAwait(false);
        if (declares)
        {
            lock (_stateLock) _state = next;
        }
        return Outcome(next.ReturnValue, next.Exception, hasTrailingExpression);
    }

    private static CSharpRun Outcome(object? value, Exception? error, bool hasTrailingExpression) =>
        error is not null ? new CSharpRun(false, null, error) : new CSharpRun(hasTrailingExpression, value, null);

    /// <summary>
    /// <paramref name="script"/> with each top-level declaration of a variable an earlier cell declared with the same
    /// type turned into an assignment to it, or null when there is none.
    /// </summary>
    private Script<object>? AssigningRedeclarations(Script<object> script, ScriptState<object> previous, ScriptOptions options, CancellationToken cancellationToken)
    {
        var compilation = script.GetCompilation();
        if (compilation.SyntaxTrees.Count() != 1) return null;
        var tree = compilation.SyntaxTrees.Single();
        var root = tree.GetCompilationUnitRoot(cancellationToken);
        var candidates = root.Members.OfType<FieldDeclarationSyntax>()
            .Where(f => f.Modifiers.Count == 0 && f.AttributeLists.Count == 0 && f.Declaration.Variables.All(v => v.Initializer is not null && v.ArgumentList is null))
            .ToList();
        if (candidates.Count == 0) return null;
        // Most cells declare nothing: the chain's variables are listed only for those that do.
        var earlierNames = previous.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        candidates.RemoveAll(f => !f.Declaration.Variables.All(v => earlierNames.Contains(v.Identifier.ValueText)));
        if (candidates.Count == 0) return null;

        var model = compilation.GetSemanticModel(tree);
        var changes = new List<Microsoft.CodeAnalysis.Text.TextChange>();
        foreach (var field in candidates)
        {
            var variables = field.Declaration.Variables;
            if (!variables.All(v => model.GetDeclaredSymbol(v, cancellationToken) is IFieldSymbol declared
                    && EarlierField(compilation, declared.Name) is { } earlier
                    && SameType(declared.Type, earlier.Type)))
                continue;
            // "T a = 1, b = 2;" becomes "a = 1; b = 2;": the type goes, each comma ends a statement. Lines keep their
            // numbers, so errors and stack traces still point at the cell's own lines.
            changes.Add(new(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(field.SpanStart, variables[0].SpanStart), ""));
            foreach (var comma in variables.GetSeparators()) changes.Add(new(comma.Span, ";"));
        }
        return changes.Count == 0
            ? null
            : previous.Script.ContinueWith(tree.GetText(cancellationToken).WithChanges(changes).ToString(), options);
    }

    /// <summary>The field <paramref name="name"/> names in the cells before <paramref name="compilation"/>'s, if a field is what it names.</summary>
    private static IFieldSymbol? EarlierField(Compilation compilation, string name)
    {
        for (var earlier = compilation.ScriptCompilationInfo?.PreviousScriptCompilation; earlier is not null; earlier = earlier.ScriptCompilationInfo?.PreviousScriptCompilation)
        {
            var members = earlier.ScriptClass?.GetMembers(name) ?? [];
            if (members.Length > 0) return members[0] as IFieldSymbol;
        }
        return null;
    }

    private static bool SameType(ITypeSymbol a, ITypeSymbol b) =>
        a.TypeKind != TypeKind.Error && a.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == b.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>
    /// True when a submission leaves something later cells can use: a variable, method or type (members of its
    /// script class), a using directive, or a reference or loaded file.
    /// </summary>
    private static bool DeclaresState(Compilation compilation)
    {
        if (compilation.SyntaxTrees.Count() != 1) return true;
        var root = compilation.SyntaxTrees.Single().GetCompilationUnitRoot();
        if (root.Usings.Count > 0 || root.Externs.Count > 0 || root.AttributeLists.Count > 0
            || root.GetReferenceDirectives().Count > 0 || root.GetLoadDirectives().Count > 0)
            return true;
        return compilation.ScriptClass is not { } scriptClass || scriptClass.GetMembers().Any(m => !m.IsImplicitlyDeclared);
    }

    /// <summary>
    /// Makes <paramref name="name"/> a C# variable of <paramref name="type"/> holding <paramref name="value"/>. It is
    /// declared at the top of the next C# submission rather than by a submission of its own: every submission costs a
    /// compilation that scripting keeps for the rest of the session, and SQL-only sessions then compile nothing.
    /// </summary>
    public void Share(string name, Type type, object? value)
    {
        lock (_pending) _pending[name] = (type, value);
    }

    /// <summary>Declarations for pending shared values, then a <c>#line 1</c> so the cell's own lines keep their numbers.</summary>
    public (string Prefix, IReadOnlyList<string> Names) PendingPrefix(string code)
    {
        List<(string Name, Type Type)> pending;
        lock (_pending) pending = [.. _pending.Select(p => (p.Key, p.Value.Type))];
        if (pending.Count == 0) return ("", []);
        var declaredByCell = DeclaredNames(code);
        var sb = new System.Text.StringBuilder();
        var names = new List<string>();
        foreach (var (name, type) in pending)
        {
            names.Add(name);
            if (declaredByCell.Contains(name)) continue;
            var typeName = TypeName(type);
            sb.Append(typeName).Append(' ').Append(Identifier(name)).Append(" = (").Append(typeName)
              .Append(")TakeSharedValue(\"").Append(name).Append("\")!;\n");
        }
        sb.Append("#line 1\n");
        return (sb.ToString(), names);
    }

    /// <summary>
    /// The cell with the pending values' declarations put in: at the top, or after the cell's leading <c>#r</c>, <c>#load</c>
    /// and <c>using</c> lines, which C# wants before anything else; a <c>#line</c> directive keeps the cell's own line numbers after them.
    /// </summary>
    private static string Compose(string prefix, string code)
    {
        if (prefix.Length == 0) return code;
        var (position, line, afterDirectives) = (0, 0, 0);
        var linesBefore = 0;
        while (position < code.Length)
        {
            var end = code.IndexOf('\n', position);
            var text = (end < 0 ? code[position..] : code[position..end]).Trim();
            var next = end < 0 ? code.Length : end + 1;
            line++;
            if (text.StartsWith("#r ", StringComparison.Ordinal) || text.StartsWith("#r\"", StringComparison.Ordinal) || text.StartsWith("#load", StringComparison.Ordinal)
                || IsUsingDirective(text))
            {
                afterDirectives = next;
                linesBefore = line;
            }
            else if (text.Length > 0 && !text.StartsWith("//", StringComparison.Ordinal))
            {
                break;
            }
            position = next;
        }
        if (afterDirectives == 0) return prefix + code;
        var head = code[..afterDirectives];
        if (!head.EndsWith('\n')) head += "\n";
        return head + prefix.Replace("#line 1\n", $"#line {linesBefore + 1}\n", StringComparison.Ordinal) + code[afterDirectives..];
    }

    /// <summary>A using directive (<c>using System.IO;</c>, <c>using static X;</c>, <c>using A = B;</c>), not a using statement or declaration.</summary>
    private static bool IsUsingDirective(string line) =>
        line.StartsWith("using ", StringComparison.Ordinal) && line.EndsWith(';')
        && !line.StartsWith("using (", StringComparison.Ordinal) && !line.StartsWith("using var ", StringComparison.Ordinal)
        && !line.Contains('(', StringComparison.Ordinal);

    private static HashSet<string> DeclaredNames(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Preview, kind: SourceCodeKind.Script));
        // A script's top-level "var x = ...;" is a field of the script class; inside a statement it is a local.
        return [.. tree.GetCompilationUnitRoot().Members.SelectMany(m => m switch
        {
            FieldDeclarationSyntax f => f.Declaration.Variables,
            GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => l.Declaration.Variables,
            _ => [],
        }).Select(v => v.Identifier.ValueText)];
    }

    /// <summary>A script for <paramref name="code"/> continuing the chain, for completion and inspection.</summary>
    public Script<object> Continue(string code) =>
        State is { } state ? state.Script.ContinueWith(code, _continuationOptions) : CSharpScript.Create(code, _options, typeof(CellGlobals));

    /// <summary>Like <see cref="Continue"/>, with the pending shared values declared first; <paramref name="prefixLength"/> is where the code starts.</summary>
    public Script<object> ContinueWithPending(string code, out int prefixLength)
    {
        var (prefix, _) = PendingPrefix(code);
        prefixLength = prefix.Length;
        return Continue(prefix + code);
    }

    /// <summary>True when the last statement is an expression with no semicolon: its value is the cell's result.</summary>
    public static bool HasTrailingExpression(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Preview, kind: SourceCodeKind.Script));
        var root = (CompilationUnitSyntax)tree.GetRoot();
        return root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } };
    }

    /// <summary>The C# spelling of <paramref name="type"/>, global-qualified, for generated declarations.</summary>
    public static string TypeName(Type type)
    {
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (!type.IsGenericType) return "global::" + (type.FullName ?? type.Name).Replace('+', '.');
        var definition = type.GetGenericTypeDefinition().FullName!;
        definition = definition[..definition.IndexOf('`', StringComparison.Ordinal)].Replace('+', '.');
        return "global::" + definition + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
    }

    /// <summary><paramref name="name"/> as a C# identifier (keywords escaped with @).</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword ? "@" + name : name;

    // The framework assemblies cells see. Each submission binds every reference anew, so memory per cell grows with
    // this list: it holds what analysis code uses, not the whole shared framework. #r adds more.
    private static readonly string[] FrameworkAssemblies =
    [
        "System.Private.CoreLib", "System.Runtime", "netstandard", "mscorlib", "System.Collections", "System.Collections.Concurrent",
        "System.Console", "System.Data.Common", "System.Linq", "System.Linq.Expressions", "System.Text.RegularExpressions",
        "System.Threading", "System.Threading.Tasks.Parallel", "System.Text.Json", "System.Net.Http", "System.Net.Primitives",
        "System.IO.Compression", "System.Memory", "System.Runtime.Numerics", "System.ComponentModel.Primitives", "System.Globalization",
        "System.Diagnostics.Process", "System.Xml.ReaderWriter", "System.Private.Xml", "System.Private.Xml.Linq", "System.Xml.Linq",
        "System.ObjectModel", "System.Runtime.InteropServices", "System.Security.Cryptography", "System.Web.HttpUtility",
        "Microsoft.CSharp", "System.Dynamic.Runtime", "System.Private.Uri", "System.Collections.Immutable",
    ];

    private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
    {
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var byName = tpa.GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var name in FrameworkAssemblies)
        {
            if (byName.TryGetValue(name, out var path)) builder.Add(MetadataReference.CreateFromFile(path));
        }
        return builder.ToImmutable();
    }

    /// <summary>
    /// The loaded code of cells that ran outside the chain more than once, for the chain they were compiled against: a cell
    /// run again unchanged (as notebook users do, and loops of runs) skips the compiler from its third run on. Its code is
    /// kept in a load context of its own, so that it keeps no other cell's code loaded; a cell that joins the chain makes a
    /// new chain, and the code compiled against the old one is let go.
    /// </summary>
    private sealed class CompiledCells
    {
        private const int Capacity = 16;
        private const int Remembered = 256;
        private readonly Lock _lock = new();
        private readonly Dictionary<string, Func<object[], Task<object>>> _cells = new(StringComparer.Ordinal);
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private ScriptState? _chain;

        public Func<object[], Task<object>>? TryGet(ScriptState chain, string code)
        {
            lock (_lock) return ReferenceEquals(chain, _chain) && _cells.TryGetValue(code, out var factory) ? factory : null;
        }

        /// <summary>True when <paramref name="code"/> ran before on <paramref name="chain"/>; remembers it otherwise.</summary>
        public bool SeenBefore(ScriptState chain, string code)
        {
            lock (_lock)
            {
                OnChain(chain);
                if (_seen.Contains(code)) return true;
                if (_seen.Count >= Remembered) _seen.Clear();
                _seen.Add(code);
                return false;
            }
        }

        public void Add(ScriptState chain, string code, Func<object[], Task<object>> factory)
        {
            lock (_lock)
            {
                OnChain(chain);
                if (_cells.Count >= Capacity) Clear();
                _cells[code] = factory;
            }
        }

        private void OnChain(ScriptState chain)
        {
            if (ReferenceEquals(chain, _chain)) return;
            Clear();
            _seen.Clear();
            _chain = chain;
        }

        private void Clear()
        {
            foreach (var factory in _cells.Values) DetachedSubmission.Release(factory);
            _cells.Clear();
        }
    }
}
