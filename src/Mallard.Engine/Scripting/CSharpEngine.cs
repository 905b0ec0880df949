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
    private ScriptOptions _options;
    private ScriptState<object>? _state;

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
    }

    /// <summary>The file name stack traces and diagnostics give for cell code.</summary>
    public const string CellFileName = "cell.csx";

    public ScriptOptions Options => _options;

    /// <summary>The last successful state of the chain, or null before the first C# cell.</summary>
    public ScriptState<object>? State
    {
        get
        {
            lock (_stateLock) return _state;
        }
    }

    /// <summary>Variables in declaration order, the latest of each name only.</summary>
    public IReadOnlyList<ScriptVariable> Variables
    {
        get
        {
            var state = State;
            if (state is null) return [];
            var latest = new Dictionary<string, ScriptVariable>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var v in state.Variables)
            {
                if (!latest.ContainsKey(v.Name)) order.Add(v.Name);
                latest[v.Name] = v;
            }
            return [.. order.Select(n => latest[n])];
        }
    }

    public bool TryGetVariable(string name, out ScriptVariable variable)
    {
        var state = State;
        variable = null!;
        if (state is null) return false;
        var found = state.GetVariable(name);
        if (found is null) return false;
        variable = found;
        return true;
    }

    /// <summary>Compiles and runs <paramref name="code"/>. Throws <see cref="CompilationErrorException"/> when it does not compile.</summary>
    public async Task<CSharpRun> RunAsync(string code, CancellationToken cancellationToken)
    {
        var hasTrailingExpression = HasTrailingExpression(code);
        var previous = State;
        ScriptState<object> next;
        if (previous is null)
        {
            var script = CSharpScript.Create(code, _options, typeof(CellGlobals));
            ThrowOnErrors(script);
            next = await script.RunAsync(_globals, _ => true, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var script = previous.Script.ContinueWith(code, _options);
            ThrowOnErrors(script);
            next = await script.RunFromAsync(previous, _ => true, cancellationToken).ConfigureAwait(false);
        }
        lock (_stateLock) _state = next;
        return next.Exception is { } e
            ? new CSharpRun(false, null, e)
            : new CSharpRun(hasTrailingExpression, next.ReturnValue, null);
    }

    /// <summary>Declares <paramref name="name"/> with <paramref name="type"/> and the value the globals hand over.</summary>
    public Task InjectAsync(string name, Type type, CancellationToken cancellationToken)
    {
        var typeName = TypeName(type);
        var code = $"{typeName} {Identifier(name)} = ({typeName})TakeSharedValue(\"{name}\")!;";
        return RunAsync(code, cancellationToken);
    }

    /// <summary>A script for <paramref name="code"/> continuing the chain, for completion and inspection.</summary>
    public Script<object> Continue(string code) =>
        State is { } state ? state.Script.ContinueWith(code, _options) : CSharpScript.Create(code, _options, typeof(CellGlobals));

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

    private static void ThrowOnErrors(Script script)
    {
        var diagnostics = script.Compile();
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new CompilationErrorException("The cell did not compile.", diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray());
    }

    private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
    {
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in tpa)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "mscorlib" or "netstandard" or "Microsoft.CSharp"
                || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal) || name.StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal))
            {
                builder.Add(MetadataReference.CreateFromFile(path));
            }
        }
        return builder.ToImmutable();
    }

    /// <summary>Assemblies the chain has loaded, for finding types by name.</summary>
    public static IEnumerable<Assembly> LoadedAssemblies() => AppDomain.CurrentDomain.GetAssemblies();
}
