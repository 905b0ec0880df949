using Mallard.Tests.Recomputation;

namespace Mallard.Warehouse.Tests.Recomputation;

/// <summary>
/// The gold tables against a second, independent implementation of their definitions: silver and gold recomputed
/// in C# from the bronze tables alone (see <see cref="Silver"/> and <see cref="Gold"/>), compared row by row and
/// column by column.
/// </summary>
public sealed class RecomputationTests
{
    public static TheoryData<string> Cases => new(RecomputationCases.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gold_tables_equal_an_independent_recomputation_from_bronze(string warehouse)
    {
        var result = RecomputationCases.Of(warehouse);

        Assert.All(result.Tables, t => Assert.True(t.RecomputedRows > 0, $"{t.Table}: nothing was recomputed, so nothing was checked."));
        var differing = result.Tables.Where(t => !t.ValuesEqual).ToList();
        Assert.True(differing.Count == 0,
            $"{warehouse}: {differing.Count} of {result.Tables.Count} gold tables differ from their recomputation from bronze.\n"
            + string.Join("\n", differing.Select(t => t.DescribeValues())));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gold_tables_have_exactly_the_recomputed_columns(string warehouse)
    {
        var result = RecomputationCases.Of(warehouse);

        var differing = result.Tables.Where(t => !t.ColumnsEqual).ToList();
        Assert.True(differing.Count == 0,
            $"{warehouse}: every gold column is recomputed and compared, so the gold tables must have exactly the recomputed columns.\n"
            + string.Join("\n", differing.Select(t => t.DescribeColumns())));
    }
}
