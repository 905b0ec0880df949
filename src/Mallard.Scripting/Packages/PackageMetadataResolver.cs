using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mallard.Engine.Scripting.Packages;

/// <summary>
/// Roslyn's reference resolver for cells, which also knows <c>#r "nuget: Id[, Version]"</c>: the package's assemblies and
/// those of its dependencies, restored before the cell compiles. Every other <c>#r</c> goes to the usual resolver.
/// </summary>
internal sealed class PackageMetadataResolver(MetadataReferenceResolver inner, PackageRestorer packages) : MetadataReferenceResolver
{
    private const string Prefix = "nuget:";

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        if (!reference.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return inner.ResolveReference(reference, baseFilePath, properties);
        return packages.AssembliesFor(reference[Prefix.Length..]) is { } paths
            ? [.. paths.Select(p => MetadataReference.CreateFromFile(p, properties))]
            : [];
    }

    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        inner.ResolveMissingAssembly(definition, referenceIdentity);

    public override bool Equals(object? other) => other is PackageMetadataResolver r && ReferenceEquals(r.Packages, Packages) && r.Inner.Equals(Inner);

    public override int GetHashCode() => HashCode.Combine(Inner, Packages);

    private MetadataReferenceResolver Inner => inner;

    private PackageRestorer Packages => packages;
}
