namespace Mallard.Data.Tests;

/// <summary>Nested columns shared by several tests.</summary>
internal static class Fixtures
{
    /// <summary>[1, 2], [], NULL, [3, NULL].</summary>
    public static ListColumn IntLists(string name) =>
        ListColumn.Create(name, PrimitiveColumn<int>.Create("element", [1, 2, 3, null]), [2, 0, null, 2]);

    /// <summary>{name: Ann, age: 31}, NULL, {name: "O'Brien, Jo", age: NULL}.</summary>
    public static StructColumn People(string name)
    {
        var validity = new ulong[] { 0b101 };
        return StructColumn.Create(
            name,
            [StringColumn.Create("name", ["Ann", "Bob", "O'Brien, Jo"]), PrimitiveColumn<int>.Create("age", [31, 40, null])],
            validity);
    }

    /// <summary>{a=1, b=NULL}, NULL, {}.</summary>
    public static MapColumn Scores(string name) =>
        MapColumn.Create(name, StringColumn.Create("key", ["a", "b"]), PrimitiveColumn<int>.Create("value", [1, null]), [2, null, 0]);
}
