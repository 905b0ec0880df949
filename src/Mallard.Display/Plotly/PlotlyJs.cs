using System.Reflection;

namespace Mallard.Display.Plotly;

/// <summary>
/// The plotly.js library (the full plotly.js, pinned by the build and embedded in this assembly), so charts draw with no
/// network access.
/// </summary>
public static class PlotlyJs
{
    private const string ResourceName = "Mallard.Display.plotly.min.js";

    private static readonly Lazy<string> _source = new(Load);

    /// <summary>The library and version embedded, for example <c>plotly.js@3.7.0</c>.</summary>
    public static string Package { get; } = typeof(PlotlyJs).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "MallardPlotlyJs")?.Value ?? "plotly.js";

    /// <summary>The minified library, ready to place in a <c>&lt;script&gt;</c> element.</summary>
    public static string Source => _source.Value;

    /// <summary>
    /// A script element that defines <c>window.Plotly</c> unless the document already has it: several
    /// outputs can each carry one and the library still starts once.
    /// </summary>
    public static string ScriptElement() => "<script>if(!window.Plotly){\n" + Source + "\n}</script>";

    private static string Load()
    {
        using var stream = typeof(PlotlyJs).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Mallard.Display was built without plotly.js (resource {ResourceName} is missing); rebuild it (the build takes plotly.js from the NuGet package Plotly.Blazor) or set MALLARD_PLOTLY_JS.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        // Nothing in the library may end the script element that holds it.
        return text.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
