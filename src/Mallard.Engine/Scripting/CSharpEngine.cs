using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

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
    private readonly Dictionary<string, (Type Type, object? Value)> _pending = new(StringComparer.Ordinal);

    public CSharpEngine(string workingDirectory, CellGlobals globals)
    {
        _globals = globals;
        _options = ScriptOptions.Default
            .WithReferences(FrameworkReferences.Value)
            .AddReferences(
                typeof(Mallard.Data.Frame).Assembly,
                typeof(Mallard.DuckDb.DuckDbConnection).Assembly,
                typeof(Mallard.Display.MimeBundle).Assembly,
                typeof(Session).Assembly)
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

    /// <summary>Compiles and runs <paramref name="code"/>. Throws <see cref="CompilationErrorException"/> when it does not compile.</summary>
    public async Task<CSharpRun> RunAsync(string code, CancellationToken cancellationToken)
    {
        var hasTrailingExpression = HasTrailingExpression(code);
        var (prefix, declared) = PendingPrefix(code);
        var previous = State;
        ScriptState<object> next;
        if (previous is null)
        {
            var script = CSharpScript.Create(prefix + code, _options, typeof(CellGlobals));
            next = await script.RunAsync(_globals, _ => true, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var script = previous.Script.ContinueWith(prefix + code, _continuationOptions);
            next = await script.RunFromAsync(previous, _ => true, cancellationToken).ConfigureAwait(false);
        }
        lock (_stateLock) _state = next;
        lock (_pending)
        {
            foreach (var name in declared) _pending.Remove(name);
        }
        return next.Exception is { } e
            ? new CSharpRun(false, null, e)
            : new CSharpRun(hasTrailingExpression, next.ReturnValue, null);
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

    private static HashSet<string> DeclaredNames(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Preview, kind: SourceCodeKind.Script));
        return [.. tree.GetRoot().ChildNodes().OfType<GlobalStatementSyntax>()
            .Select(g => g.Statement).OfType<LocalDeclarationStatementSyntax>()
            .SelectMany(d => d.Declaration.Variables).Select(v => v.Identifier.ValueText)];
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

    /// <summary>Assemblies the chain has loaded, for finding types by name.</summary>
    public static IEnumerable<Assembly> LoadedAssemblies() => AppDomain.CurrentDomain.GetAssemblies();
}
