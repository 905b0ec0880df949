using System.Collections.Immutable;
using Mallard.Display;
using Mallard.Engine.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mallard.Engine.Completion;

/// <summary>C# completion and inspection from Roslyn's semantic model of the submission, in the context of the cells before it.</summary>
internal static class CSharpCompletion
{
    private static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat.MinimallyQualifiedFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeContainingType)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue);

    public static Task<CompletionResult> CompleteAsync(CSharpEngine engine, string code, int position, CellRegion region, CancellationToken cancellationToken)
    {
        var (model, tree, shift) = Analyse(engine, code[region.Start..]);
        var body = new string(' ', shift) + code[region.Start..];
        var local = position - region.Start + shift;
        var wordStart = local;
        while (wordStart > 0 && (char.IsLetterOrDigit(body[wordStart - 1]) || body[wordStart - 1] == '_')) wordStart--;
        var prefix = body[wordStart..local];

        IEnumerable<ISymbol> symbols;
        var dotted = wordStart > 0 && body[wordStart - 1] == '.';
        if (dotted)
        {
            var dot = tree.GetRoot(cancellationToken).FindToken(wordStart - 1);
            ExpressionSyntax? left = dot.Parent switch
            {
                MemberAccessExpressionSyntax m => m.Expression,
                QualifiedNameSyntax q => q.Left,
                ConditionalAccessExpressionSyntax c => c.Expression,
                MemberBindingExpressionSyntax b when b.Parent?.Parent is ConditionalAccessExpressionSyntax ca => ca.Expression,
                _ => null,
            };
            if (left is null) return Task.FromResult(CompletionResult.None(position));
            var symbol = model.GetSymbolInfo(left, cancellationToken).Symbol;
            if (symbol is INamespaceOrTypeSymbol container && symbol is not ITypeSymbol { IsAnonymousType: true } && !IsValueOfType(model, left, cancellationToken))
            {
                symbols = container is INamespaceSymbol
                    ? model.LookupNamespacesAndTypes(wordStart, container)
                    : model.LookupStaticMembers(wordStart, container);
            }
            else
            {
                var type = model.GetTypeInfo(left, cancellationToken).Type;
                if (type is null) return Task.FromResult(CompletionResult.None(position));
                symbols = model.LookupSymbols(wordStart, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
            }
        }
        else
        {
            symbols = model.LookupSymbols(wordStart);
        }

        var items = symbols
            .Where(s => s.CanBeReferencedByName && !s.IsImplicitlyDeclared && s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Where(s => s is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.Destructor or MethodKind.StaticConstructor })
            .Where(s => !s.Name.StartsWith("<", StringComparison.Ordinal) && s.Name != nameof(CellGlobals.TakeSharedValue))
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .Select(g => new CompletionItem(g.Key, Kind(g.First()), Detail(g)))
            .ToList();
        if (!dotted)
        {
            items.AddRange(Keywords.Where(k => prefix.Length > 0 && k.StartsWith(prefix, StringComparison.Ordinal) && items.All(i => i.Text != k))
                .Select(k => new CompletionItem(k, "keyword")));
        }
        items.Sort((a, b) =>
        {
            var exact = string.CompareOrdinal(a.Text, b.Text);
            var aCase = a.Text.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1;
            var bCase = b.Text.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1;
            return aCase != bCase ? aCase - bCase : exact;
        });
        var end = local;
        while (end < body.Length && (char.IsLetterOrDigit(body[end]) || body[end] == '_')) end++;
        return Task.FromResult(new CompletionResult(region.Start + wordStart - shift, region.Start + end - shift, items));
    }

    public static Task<InspectionResult> InspectAsync(CSharpEngine engine, string code, int position, CellRegion region, CancellationToken cancellationToken)
    {
        var (model, tree, shift) = Analyse(engine, code[region.Start..]);
        var body = new string(' ', shift) + code[region.Start..];
        var local = Math.Clamp(position - region.Start + shift, shift, body.Length);
        var root = tree.GetRoot(cancellationToken);
        var token = root.FindToken(Math.Max(0, local < body.Length && (char.IsLetterOrDigit(body[local]) || body[local] == '_') ? local : local - 1));
        ISymbol? symbol = null;
        for (var node = token.Parent; node is not null && symbol is null; node = node.Parent)
        {
            var info = model.GetSymbolInfo(node, cancellationToken);
            symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node, cancellationToken);
            if (node is StatementSyntax) break;
        }
        if (symbol is null) return Task.FromResult(InspectionResult.NotFound);
        var signature = symbol.ToDisplayString(Signature);
        var summary = Documentation.Summary(symbol);
        var text = signature + (summary is null ? "" : "\n\n" + summary);
        var html = "<pre>" + System.Net.WebUtility.HtmlEncode(signature) + "</pre>" + (summary is null ? "" : "<p>" + System.Net.WebUtility.HtmlEncode(summary) + "</p>");
        return Task.FromResult(new InspectionResult(true, MimeBundle.Empty.WithText("text/plain", text).WithText("text/html", html)));
    }

    /// <summary>The semantic model of <paramref name="body"/> as the next submission; positions in it are shifted by the length of the pending declarations before it.</summary>
    private static (SemanticModel Model, SyntaxTree Tree, int Shift) Analyse(CSharpEngine engine, string body)
    {
        var script = engine.ContinueWithPending(body, out var shift);
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return (compilation.GetSemanticModel(tree, ignoreAccessibility: false), tree, shift);
    }

    private static bool IsValueOfType(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        // "Color Color": an identifier that names both a value and its type is the value.
        var symbol = model.GetSymbolInfo(expression, cancellationToken).Symbol;
        return symbol is ILocalSymbol or IFieldSymbol or IPropertySymbol or IParameterSymbol;
    }

    private static string Kind(ISymbol symbol) => symbol switch
    {
        IMethodSymbol => "method",
        IPropertySymbol => "property",
        IFieldSymbol { ContainingType.TypeKind: TypeKind.Enum } => "enum member",
        IFieldSymbol { ContainingType.IsScriptClass: true } => "variable",
        IFieldSymbol => "field",
        IEventSymbol => "event",
        ILocalSymbol => "local",
        IParameterSymbol => "parameter",
        INamespaceSymbol => "namespace",
        INamedTypeSymbol { TypeKind: TypeKind.Class, IsRecord: true } => "record",
        INamedTypeSymbol { TypeKind: TypeKind.Class } => "class",
        INamedTypeSymbol { TypeKind: TypeKind.Struct } => "struct",
        INamedTypeSymbol { TypeKind: TypeKind.Interface } => "interface",
        INamedTypeSymbol { TypeKind: TypeKind.Enum } => "enum",
        INamedTypeSymbol { TypeKind: TypeKind.Delegate } => "delegate",
        ITypeSymbol => "type",
        _ => symbol.Kind.ToString().ToLowerInvariant(),
    };

    private static string Detail(IGrouping<string, ISymbol> group)
    {
        var first = group.First().ToDisplayString(Signature);
        var overloads = group.Count() - 1;
        return overloads > 0 ? $"{first} (+{overloads} overload{(overloads == 1 ? "" : "s")})" : first;
    }

    private static readonly ImmutableArray<string> Keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false",
        "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is",
        "lock", "long", "nameof", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private",
        "protected", "public", "readonly", "record", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc",
        "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked",
        "unsafe", "ushort", "using", "var", "virtual", "void", "volatile", "when", "where", "while", "with", "yield",
    ];
}
