using System.Text.Json.Nodes;

namespace Mallard.Notebooks;

/// <summary>How notebooks name the Mallard kernel: the kernelspec and language_info written into notebook metadata.</summary>
public static class MallardKernelInfo
{
    /// <summary>The kernelspec name (<c>jupyter kernelspec list</c> shows it).</summary>
    public const string KernelName = "mallard";

    /// <summary>The name front ends show in their kernel pickers.</summary>
    public const string DisplayName = "Mallard (C#)";

    /// <summary>The kernel's language.</summary>
    public const string Language = "csharp";

    /// <summary>The notebook metadata's <c>kernelspec</c>.</summary>
    public static JsonObject KernelSpec() => new()
    {
        ["display_name"] = DisplayName,
        ["language"] = Language,
        ["name"] = KernelName,
    };

    /// <summary>The notebook metadata's <c>language_info</c>.</summary>
    public static JsonObject LanguageInfo() => new()
    {
        ["file_extension"] = ".cs",
        ["mimetype"] = "text/x-csharp",
        ["name"] = "C#",
        ["pygments_lexer"] = "csharp",
        ["version"] = "14.0",
    };
}
