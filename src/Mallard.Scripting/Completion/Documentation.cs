using System.Collections.Concurrent;
using System.Xml.Linq;
using Mallard.Engine.Scripting.Packages;
using Microsoft.CodeAnalysis;

namespace Mallard.Engine.Completion;

/// <summary>
/// Documentation summaries for symbols: from the symbol's own doc comment when it has one (cell code, our assemblies),
/// else from the XML documentation files beside the reference assemblies of .NET (the SDK's targeting pack), looked
/// up by documentation id.
/// </summary>
internal static class Documentation
{
    private static readonly ConcurrentDictionary<string, XDocument?> Files = new(StringComparer.Ordinal);
    private static readonly Lazy<IReadOnlyList<string>> Directories = new(FindDirectories);

    public static string? Summary(ISymbol symbol)
    {
        var target = symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol.OriginalDefinition;
        var xml = target.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml)) xml = Lookup(target);
        if (string.IsNullOrWhiteSpace(xml)) return null;
        try
        {
            var element = XElement.Parse(xml.Trim().StartsWith("<member", StringComparison.Ordinal) || xml.Trim().StartsWith("<doc", StringComparison.Ordinal) ? xml : "<doc>" + xml + "</doc>");
            var summary = element.DescendantsAndSelf("summary").FirstOrDefault();
            if (summary is null) return null;
            var text = string.Concat(summary.Nodes().Select(Render));
            return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string Render(XNode node) => node switch
    {
        XText t => t.Value,
        XElement { Name.LocalName: "see" or "seealso" } e => (string?)e.Attribute("langword") ?? Short((string?)e.Attribute("cref") ?? ""),
        XElement { Name.LocalName: "paramref" or "typeparamref" } e => (string?)e.Attribute("name") ?? "",
        XElement e => string.Concat(e.Nodes().Select(Render)),
        _ => "",
    };

    private static string Short(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0) name = name[..paren];
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name[(dot + 1)..] : name;
    }

    private static string? Lookup(ISymbol symbol)
    {
        var id = symbol.GetDocumentationCommentId();
        var assembly = symbol.ContainingAssembly?.Name;
        if (id is null || assembly is null) return null;
        var candidates = assembly == "System.Private.CoreLib" ? new[] { "System.Runtime", "System.Collections", "System.Threading" } : [assembly];
        foreach (var name in candidates)
        {
            var doc = Load(name);
            var member = doc?.Root?.Element("members")?.Elements("member").FirstOrDefault(m => (string?)m.Attribute("name") == id);
            if (member is not null) return member.ToString();
        }
        return null;
    }

    private static XDocument? Load(string assembly) => Files.GetOrAdd(assembly, name =>
    {
        foreach (var directory in Directories.Value)
        {
            var path = Path.Combine(directory, name + ".xml");
            if (!File.Exists(path)) continue;
            try
            {
                return XDocument.Load(path);
            }
            catch (System.Xml.XmlException)
            {
                return null;
            }
        }
        return null;
    });

    /// <summary>This app's folder, then the reference folders of .NET's targeting packs in the SDK, newest first.</summary>
    private static IReadOnlyList<string> FindDirectories()
    {
        var result = new List<string> { AppContext.BaseDirectory };
        var major = Environment.Version.Major;
        // <dotnet root>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net<major>.0
        foreach (var root in DotnetSdk.Roots())
        {
            var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
            if (!Directory.Exists(packs)) continue;
            foreach (var version in Directory.GetDirectories(packs).OrderByDescending(d => d, StringComparer.Ordinal))
            {
                var candidate = Path.Combine(version, "ref", $"net{major}.0");
                if (Directory.Exists(candidate)) result.Add(candidate);
            }
        }
        return result;
    }
}
