namespace Mallard.Data;

/// <summary>Type names in messages.</summary>
internal static class TypeText
{
    /// <summary>
    /// A .NET type's name with its article, for a sentence: <c>an Int128</c>, <c>a DateTime</c>, <c>a UInt32</c> (a U reads as
    /// "you").
    /// </summary>
    public static string WithArticle(Type type)
    {
        var name = type.Name;
        return (name.Length > 0 && "AEIOaeio".Contains(name[0], StringComparison.Ordinal) ? "an " : "a ") + name;
    }
}
