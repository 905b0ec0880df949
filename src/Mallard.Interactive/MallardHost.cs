using Mallard.Display;
using Microsoft.DotNet.Interactive;

namespace Mallard.Interactive;

/// <summary>What the extension's parts share once loaded: the composite kernel, where things are, and the display.</summary>
internal sealed class MallardHost(
    CompositeKernel root, string csharpKernelName, string workingDirectory, string warehousePath, FormatterRegistry formatter, bool plotlyJson)
{
    /// <summary>The host the C# helpers (<c>connect()</c>) use: the one loaded last in this process.</summary>
    public static MallardHost? Current { get; set; }

    public CompositeKernel Root { get; } = root;

    public string CSharpKernelName { get; } = csharpKernelName;

    public string WorkingDirectory { get; } = workingDirectory;

    public string WarehousePath { get; } = warehousePath;

    public FormatterRegistry Formatter { get; } = formatter;

    /// <summary>Whether charts carry their Plotly JSON (see <see cref="MallardInteractiveOptions.PlotlyJson"/>).</summary>
    public bool PlotlyJson { get; } = plotlyJson;

    /// <summary>A value as .NET Interactive's formatted values, in the order Mallard gives them.</summary>
    public IReadOnlyList<Microsoft.DotNet.Interactive.Formatting.FormattedValue> Formatted(MimeBundle bundle) =>
        [.. bundle.Items.Where(i => PlotlyJson || i.MimeType != MimeTypes.Plotly).Select(i => new Microsoft.DotNet.Interactive.Formatting.FormattedValue(i.MimeType, i.Value))];
}
