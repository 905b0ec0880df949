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

    /// <summary>The version embedded, for example <c>3.7.0</c>.</summary>
    public static string Version => Package.Contains('@', StringComparison.Ordinal) ? Package[(Package.IndexOf('@', StringComparison.Ordinal) + 1)..] : "unknown";

    /// <summary>The name plotly.js has as a file of its own: <c>plotly-3.7.0.min.js</c>, as plotly.js and cdn.plot.ly name it.</summary>
    public static string FileName => "plotly-" + Version + ".min.js";

    /// <summary>
    /// Writes plotly.js as <see cref="FileName"/> into <paramref name="directory"/> unless an identical copy is there (through a
    /// temporary file, so a reader never sees half of it), and returns its path.
    /// </summary>
    public static string WriteFile(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, FileName);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Source);
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return path;
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return path;
    }

    /// <summary>The minified library, ready to place in a <c>&lt;script&gt;</c> element.</summary>
    public static string Source => _source.Value;

    /// <summary>
    /// A script element that defines <c>window.Plotly</c> unless the document already has it: several
    /// outputs can each carry one and the library still starts once.
    /// </summary>
    public static string ScriptElement() => "<script>if(!window.Plotly){\n" + Source + "\n}</script>";

    /// <summary>
    /// A chart's container, <c>&lt;div id=elementId class="mallard-plot"&gt;</c> of <paramref name="height"/> pixels, and the script
    /// that draws <paramref name="figureJson"/> into it (<see cref="DrawScript"/>); with the library itself between them when
    /// <paramref name="includeLibrary"/> is true.
    /// </summary>
    public static string Element(string elementId, double height, string figureJson, string missing, PlotlySources? sources = null, bool includeLibrary = false)
    {
        var div = "<div class=\"mallard-plot\" id=\"" + elementId + "\" style=\"width:100%;min-height:" + height.ToString(System.Globalization.CultureInfo.InvariantCulture) + "px\"></div>";
        return div + (includeLibrary ? ScriptElement() : "") + "<script>" + DrawScript(elementId, figureJson, missing, sources) + "</script>";
    }

    /// <summary>
    /// A script (without its element) that draws <paramref name="figureJson"/> into the element <paramref name="elementId"/> with the
    /// page's <c>window.Plotly</c>, in the colours of the page's theme: light or dark as VS Code (<c>body.vscode-dark</c>),
    /// JupyterLab (<c>body[data-jp-theme-light]</c>) or a report (<c>html[data-theme]</c>) say, else as the text colour around
    /// the chart shows, and again whenever the theme changes. The figure's own colours win over the theme's; backgrounds
    /// are transparent, so the chart sits on the page's own. <paramref name="missing"/> is the message shown where no
    /// plotly.js is loaded.
    /// </summary>
    public static string DrawScript(string elementId, string figureJson, string missing, PlotlySources? sources = null)
    {
        ArgumentNullException.ThrowIfNull(elementId);
        ArgumentNullException.ThrowIfNull(figureJson);
        ArgumentNullException.ThrowIfNull(missing);
        var draw = "function draw(){"
            + "if(!window.Plotly){el.textContent=" + Internal.Json.Quote(missing) + ";return;}"
            + ThemeScript
            + "var dark=isDark();themed(dark);"
            + "window.Plotly.newPlot(el,fig.data||[],fig.layout,{responsive:true,displaylogo:false});"
            + "if(window.MutationObserver){var o=new MutationObserver(function(){var d=isDark();if(d!==dark){dark=d;themed(d);window.Plotly.react(el,fig.data||[],fig.layout);}});"
            + "o.observe(document.documentElement,{attributes:true,attributeFilter:['data-theme','class']});"
            + "if(document.body)o.observe(document.body,{attributes:true,attributeFilter:['class','data-jp-theme-light','data-theme']});}}";
        return "(function(){var el=document.getElementById(" + Internal.Json.Quote(elementId) + ");if(!el)return;"
            + "var fig=" + figureJson + ";" + draw
            + (sources is null ? "draw();" : Loader(sources) + "withPlotly(draw);")
            + "})();";
    }

    /// <summary>
    /// withPlotly(f): calls f once the page has plotly.js, loading it first from <paramref name="sources"/> if need be. Charts of
    /// one page share one load; when every source fails, f runs anyway (and says plotly.js is missing).
    /// </summary>
    private static string Loader(PlotlySources sources)
    {
        var urls = new System.Text.StringBuilder("var u=[];");
        if (sources.KernelName is { } kernel)
        {
            // JupyterLab and Notebook 7 keep the server's base URL in jupyter-config-data, the classic Notebook on <body>.
            urls.Append("try{var c=document.getElementById('jupyter-config-data'),b=c?JSON.parse(c.textContent).baseUrl:(document.body&&document.body.getAttribute('data-base-url'));")
                .Append("if(b){if(b.charAt(b.length-1)!=='/')b+='/';u.push(b+'kernelspecs/'+encodeURIComponent(").Append(Internal.Json.Quote(kernel))
                .Append(")+'/'+f);}}catch(e){}");
        }
        if (sources.Beside) urls.Append("u.push(f);");
        if (sources.Cdn) urls.Append("u.push('https://cdn.plot.ly/'+f);");
        return "function withPlotly(go){var w=window;if(w.Plotly)return go();if(w.__mallardPlotly){w.__mallardPlotly.push(go);return;}"
            + "w.__mallardPlotly=[go];var f=" + Internal.Json.Quote(FileName) + ";" + urls
            + "function done(){var q=w.__mallardPlotly||[];w.__mallardPlotly=null;q.forEach(function(g){g();});}"
            + "function next(i){if(w.Plotly||i>=u.length){done();return;}var s=document.createElement('script');s.src=u[i];"
            + "s.onload=function(){next(i+1);};s.onerror=function(){if(s.parentNode)s.parentNode.removeChild(s);next(i+1);};"
            + "(document.head||document.documentElement).appendChild(s);}next(0);}";
    }

    /// <summary>isDark() and themed(dark): the page's theme, and the figure's template coloured for it (under the figure's own settings).</summary>
    private const string ThemeScript =
        "function isDark(){var h=document.documentElement,b=document.body||h;"
        + "var t=h.getAttribute('data-theme')||b.getAttribute('data-theme');if(t==='dark')return true;if(t==='light')return false;"
        + "if(b.classList.contains('vscode-dark')||b.classList.contains('vscode-high-contrast'))return true;if(b.classList.contains('vscode-light'))return false;"
        + "var jp=b.getAttribute('data-jp-theme-light');if(jp)return jp==='false';"
        + "var m=(window.getComputedStyle?getComputedStyle(el).color:'').match(/[0-9.]+/g);"
        + "return !!m&&m.length>=3&&(0.299*m[0]+0.587*m[1]+0.114*m[2])>150;}"
        + "function themed(d){var L=fig.layout=fig.layout||{},T=L.template=L.template||{},t=T.layout=T.layout||{};"
        + "var c=d?{font:'#e5e7eb',grid:'rgba(255,255,255,0.12)',line:'#6b7280',zero:'rgba(255,255,255,0.28)'}:{font:'#1f2937',grid:'#e5e7eb',line:'#9ca3af',zero:'#d1d5db'};"
        + "t.paper_bgcolor='rgba(0,0,0,0)';t.plot_bgcolor='rgba(0,0,0,0)';t.font=t.font||{};t.font.color=c.font;"
        + "['xaxis','yaxis'].forEach(function(k){var a=t[k]=t[k]||{};a.gridcolor=c.grid;a.linecolor=c.line;a.zerolinecolor=c.zero;});"
        + "t.modebar={bgcolor:'rgba(0,0,0,0)',color:c.line,activecolor:c.font};"
        + "L.legend=L.legend||{};if(!L.legend.bgcolor)L.legend.bgcolor='rgba(0,0,0,0)';}";

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
