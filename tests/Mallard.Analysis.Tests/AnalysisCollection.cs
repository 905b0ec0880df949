namespace Mallard.Analysis.Tests;

/// <summary>The analysis tests share one fixture (its warehouses, kernel and runs) and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AnalysisCollection : ICollectionFixture<AnalysisFixture>
{
    public const string Name = "analysis";
}
