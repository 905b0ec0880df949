using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using Mallard.Display.Plotly;

namespace Mallard.Display.Formatters;

/// <summary>
/// A Plotly.NET chart (<c>Plotly.NET.GenericChart</c>, from <c>#r "nuget: Plotly.NET"</c>) as Mallard shows its own charts:
/// its figure JSON (Plotly.NET's <c>GenericChart.toFigureJson</c>) as <c>application/vnd.plotly.v1+json</c>, the HTML that draws
/// it, and a line of text. Plotly.NET is found by reflection on the value's own assembly: Mallard does not depend on it.
/// </summary>
public sealed class PlotlyNetFormatter : IDisplayFormatter
{
    private const string ChartTypeName = "Plotly.NET.GenericChart";
    private static readonly ConcurrentDictionary<Type, MethodInfo?> ToFigureJson = new();

    public bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(context);
        bundle = null;
        if (ToFigureJson.GetOrAdd(value.GetType(), Find) is not { } method) return false;
        var json = (string)method.Invoke(null, [value])!;
        var height = Figure.DefaultHeight;
        var traces = 0;
        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            if (root.TryGetProperty("layout", out var layout) && layout.TryGetProperty("height", out var h) && h.TryGetInt32(out var given)) height = given;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array) traces = data.GetArrayLength();
        }
        bundle = MimeBundle.Empty.WithJson(MimeTypes.Plotly, json);
        if (context.ChartHtml(json, height) is { } html) bundle = bundle.WithText(MimeTypes.Html, html);
        bundle = bundle.WithText(MimeTypes.PlainText, $"Plotly.NET chart: {traces} trace{(traces == 1 ? "" : "s")}\n");
        return true;
    }

    /// <summary><c>GenericChart.toFigureJson</c> when <paramref name="type"/> is a Plotly.NET chart, else null.</summary>
    private static MethodInfo? Find(Type type)
    {
        var chart = type;
        while (chart is not null && chart.FullName != ChartTypeName) chart = chart.BaseType;
        if (chart is null) return null;
        return chart.Assembly.GetExportedTypes()
            .Where(t => t.FullName is ChartTypeName or ChartTypeName + "Module")
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .FirstOrDefault(m => m.Name == "toFigureJson" && m.ReturnType == typeof(string)
                && m.GetParameters() is [{ } p] && p.ParameterType.IsAssignableFrom(type));
    }
}
