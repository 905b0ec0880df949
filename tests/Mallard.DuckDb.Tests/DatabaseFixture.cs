namespace Mallard.DuckDb.Tests;

/// <summary>One in-memory database shared by the tests of a collection; each test opens its own connection.</summary>
public sealed class DatabaseFixture : IDisposable
{
    public DuckDbDatabase Database { get; } = DuckDbDatabase.OpenInMemory();

    public DuckDbConnection Connect() => Database.Connect();

    public void Dispose() => Database.Dispose();
}

/// <summary>The tests that share <see cref="DatabaseFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "In-memory database";
}

/// <summary>
/// Tests that bound how long cancellation takes: they run alone, after the others, so that a busy machine
/// does not make them flaky. They share their own in-memory database.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "Timing (runs alone)";
}
