using System.Text.Json.Nodes;

namespace Mallard.Notebooks;

/// <summary>
/// A Polyglot Notebooks <c>.dib</c> file: an optional <c>#!meta</c> JSON object (its <c>kernelInfo</c>
/// names the kernels and the default one) and cells. Read with <see cref="DibReader"/>, write with
/// <see cref="DibWriter"/>, convert with <see cref="DibConverter"/>.
/// </summary>
public sealed class DibDocument
{
    /// <summary>The <c>#!meta</c> object, or null when the file has none.</summary>
    public JsonObject? Meta { get; set; }

    /// <summary>The cells in order.</summary>
    public List<DibCell> Cells { get; } = [];

    /// <summary>The default kernel (<c>kernelInfo.defaultKernelName</c>), <c>csharp</c> when the file does not say.</summary>
    public string DefaultKernelName =>
        Meta?["kernelInfo"]?["defaultKernelName"] is JsonValue v && v.TryGetValue(out string? name) && name.Length > 0 ? name : "csharp";
}
