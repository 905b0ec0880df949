namespace Mallard.Engine.Internal;

/// <summary>C# spellings of types for people: <c>int</c>, <c>List&lt;string&gt;</c>, <c>Frame</c>.</summary>
internal static class TypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short",
        [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long",
        [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal",
        [typeof(char)] = "char", [typeof(string)] = "string", [typeof(object)] = "object", [typeof(void)] = "void",
    };

    /// <summary>The friendly name with its article: <c>an int</c>, <c>a List&lt;string&gt;</c>, <c>a uint</c> (a u reads as "you").</summary>
    public static string WithArticle(Type type)
    {
        var name = Friendly(type);
        return (name.Length > 0 && "aeioAEIO".Contains(name[0], StringComparison.Ordinal) ? "an " : "a ") + name;
    }

    public static string Friendly(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword)) return keyword;
        if (Nullable.GetUnderlyingType(type) is { } underlying) return Friendly(underlying) + "?";
        if (type.IsArray) return Friendly(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        var name = type.Name;
        if (name.StartsWith("<>f__AnonymousType", StringComparison.Ordinal)) return "anonymous type";
        if (!type.IsGenericType) return name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick > 0) name = name[..tick];
        return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Friendly)) + ">";
    }
}
