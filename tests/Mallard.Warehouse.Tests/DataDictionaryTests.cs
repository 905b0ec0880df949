using System.Text.RegularExpressions;

namespace Mallard.Warehouse.Tests;

public partial class DataDictionaryTests
{
    [GeneratedRegex(@"^## (gold\.\w+)$")]
    private static partial Regex TableHeading();

    [GeneratedRegex(@"^\| `(\w+)` \| ([^|]+) \|")]
    private static partial Regex ColumnRow();

    private static string DictionaryPath()
    {
        var root = WarehouseLocation.FindRepositoryRoot(AppContext.BaseDirectory);
        Assert.NotNull(root);
        return Path.Combine(root, "src", "Mallard.Warehouse", "DATA_DICTIONARY.md");
    }

    [Fact]
    public void The_data_dictionary_describes_every_gold_column_with_its_type()
    {
        var documented = new List<string>();
        string? table = null;
        foreach (var line in File.ReadLines(DictionaryPath()))
        {
            if (TableHeading().Match(line) is { Success: true } heading) table = heading.Groups[1].Value;
            else if (line.StartsWith("## ", StringComparison.Ordinal)) table = null;
            else if (table is not null && ColumnRow().Match(line) is { Success: true } row)
                documented.Add($"{table}.{row.Groups[1].Value}|{row.Groups[2].Value.Trim()}");
        }
        var (database, connection) = BronzeFixture.Build();
        using (database)
        using (connection)
        {
            var actual = Db.Lines(connection, """
                SELECT table_schema || '.' || table_name || '.' || column_name, data_type
                FROM information_schema.columns WHERE table_schema = 'gold'
                ORDER BY table_name, ordinal_position
                """);

            Assert.Equal(actual.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        }
    }
}
