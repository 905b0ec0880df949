namespace Mallard.Engine.Tests.Packages;

/// <summary>
/// The package tests run one after another around one <see cref="LocalFeed"/>: it sets <c>MALLARD_PACKAGES</c> for the
/// process while they run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "Packages";
}
