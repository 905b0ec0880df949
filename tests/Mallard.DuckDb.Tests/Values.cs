using System.Collections;

namespace Mallard.DuckDb.Tests;

/// <summary>Compares values as read from DuckDB: lists, structs and maps by content, NaN equal to NaN.</summary>
internal static class Values
{
    public static void AssertDeepEqual(object? expected, object? actual, string path = "value")
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected NULL, got {Describe(actual)}");
                return;
            case byte[] bytes:
                Assert.True(actual is byte[] got && got.AsSpan().SequenceEqual(bytes), $"{path}: expected bytes [{Convert.ToHexString(bytes)}], got {Describe(actual)}");
                return;
            case double d when double.IsNaN(d):
                Assert.True(actual is double a && double.IsNaN(a), $"{path}: expected NaN, got {Describe(actual)}");
                return;
            case float f when float.IsNaN(f):
                Assert.True(actual is float b && float.IsNaN(b), $"{path}: expected NaN, got {Describe(actual)}");
                return;
            case IDictionary map:
                var actualMap = Assert.IsAssignableFrom<IDictionary>(actual);
                Assert.True(map.Count == actualMap.Count, $"{path}: expected {map.Count} entries, got {actualMap.Count}");
                foreach (DictionaryEntry entry in map)
                {
                    Assert.True(actualMap.Contains(entry.Key), $"{path}: key {entry.Key} missing");
                    AssertDeepEqual(entry.Value, actualMap[entry.Key], $"{path}[{entry.Key}]");
                }
                return;
            case IList list:
                var actualList = Assert.IsAssignableFrom<IList>(actual);
                Assert.True(list.Count == actualList.Count, $"{path}: expected {list.Count} elements, got {actualList.Count}");
                for (var i = 0; i < list.Count; i++) AssertDeepEqual(list[i], actualList[i], $"{path}[{i}]");
                return;
            default:
                Assert.True(actual is not null && expected.GetType() == actual.GetType(), $"{path}: expected {Describe(expected)}, got {Describe(actual)}");
                Assert.Equal(expected, actual);
                return;
        }
    }

    public static string Describe(object? value) => value is null ? "NULL" : $"{value} ({value.GetType().Name})";

    public static Dictionary<string, object?> Struct(params (string Name, object? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);

    public static Dictionary<object, object?> Map(params (object Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);
}
