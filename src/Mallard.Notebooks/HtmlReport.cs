using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mallard.Display;
using Mallard.Display.Plotly;
using Mallard.Notebooks.Internal;

namespace Mallard.Notebooks;

/// <summary>
/// A notebook with its outputs as one self-contained HTML page that works offline: Markdown cells rendered,
/// code collapsed (or hidden, or shown), tables and KPI cards as the engine's <c>text/html</c>, and charts
/// drawn interactively from <c>application/vnd.plotly.v1+json</c> by plotly.js, which the page carries once
/// in its head (only when it has a chart). Nothing is fetched from a network.
/// </summary>
/// <remarks>
/// For each rich output the richest form the page can show is used: a Plotly figure, then HTML, SVG,
/// PNG/JPEG/GIF images, Markdown, JSON, and plain text. Cell tags follow Jupyter's conventions:
/// <c>remove-cell</c> leaves the cell out, <c>remove-input</c> its code, <c>remove-output</c> its outputs, and
/// <c>hide-input</c> collapses its code even when code is shown. The cell tagged <c>injected-parameters</c>
/// shows as a "Parameters" box. Text and data are escaped before they reach markup; HTML outputs and
/// HTML written in Markdown cells are the notebook's own and are kept.
/// </remarks>
public static partial class HtmlReport
{
    private const string Style = """
        :root{--fg:#1f2328;--muted:#656d76;--border:#d0d7de;--code-bg:#f6f8fa;--err-bg:#fff5f5;--err:#b42318;--bg:#ffffff;color-scheme:light}
        :root[data-theme=dark]{--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;--code-bg:#151b23;--err-bg:#2d1214;--err:#ff7b72;--bg:#0d1117;color-scheme:dark}
        @media (prefers-color-scheme:dark){:root:not([data-theme=light]){--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;--code-bg:#151b23;--err-bg:#2d1214;--err:#ff7b72;--bg:#0d1117;color-scheme:dark}}
        *{box-sizing:border-box}
        body{margin:0;color:var(--fg);background:var(--bg);font:16px/1.55 -apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif}
        .theme-toggle{position:fixed;top:10px;right:12px;font:13px/1.2 inherit;color:var(--muted);background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:4px 10px;cursor:pointer}
        @media print{.theme-toggle{display:none}}
        main .mallard-table .mt-type{display:none}
        main{max-width:1100px;margin:0 auto;padding:24px 32px 64px}
        header.report{border-bottom:1px solid var(--border);margin-bottom:24px;padding-bottom:12px}
        header.report h1{margin:0 0 4px;font-size:30px}
        header.report .meta{color:var(--muted);font-size:14px}
        header.report .meta code{font-size:13px}
        .md h1,.md h2,.md h3{line-height:1.25;margin:1.2em 0 .5em}
        .md table{border-collapse:collapse;margin:8px 0}
        .md th,.md td{border:1px solid var(--border);padding:4px 10px}
        .md code{background:var(--code-bg);padding:1px 4px;border-radius:4px;font-size:90%}
        .md pre code{padding:0;background:none}
        .md pre,.cell pre{background:var(--code-bg);padding:10px 12px;border-radius:6px;overflow-x:auto;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        .cell{margin:14px 0}
        .cell details.code>summary{cursor:pointer;color:var(--muted);font-size:13px;user-select:none}
        .cell details.code pre{margin:6px 0 0}
        .cell .outputs{margin-top:6px}
        .cell .output{margin:8px 0;overflow-x:auto}
        .cell pre.stream-stderr{border-left:3px solid #d29922}
        .cell pre.error{background:var(--err-bg);color:var(--err);border-left:3px solid var(--err)}
        .cell pre.error,.cell pre.output{white-space:pre-wrap;overflow-wrap:break-word}
        .cell .timing{color:var(--muted);font-size:12px}
        .cell.parameters{border:1px dashed var(--border);border-radius:6px;padding:6px 10px}
        .banner.failed{background:var(--err-bg);color:var(--err);border-left:4px solid var(--err);border-radius:6px;padding:10px 14px;margin:12px 0}
        .banner.failed ul{margin:6px 0 0;padding-left:20px}
        .banner.failed a{color:inherit}
        img{max-width:100%}
        """;

    /// <summary>
    /// A button that switches the page between light and dark (it starts as the reader's system says, and remembers a choice);
    /// tables, cards and charts follow. It sets <c>data-theme</c> on the root element, which the charts watch.
    /// </summary>
    private const string ThemeToggle =
        "<button type=\"button\" class=\"theme-toggle\" id=\"theme-toggle\" aria-label=\"Switch between light and dark\">Dark</button>\n"
        + "<script>(function(){var h=document.documentElement,b=document.getElementById('theme-toggle'),k='mallard-report-theme';"
        + "function sys(){return window.matchMedia&&matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';}"
        + "function set(t){h.setAttribute('data-theme',t);b.textContent=t==='dark'?'Light':'Dark';}"
        + "var saved=null;try{saved=localStorage.getItem(k);}catch(e){}set(saved==='dark'||saved==='light'?saved:sys());"
        + "b.onclick=function(){var t=h.getAttribute('data-theme')==='dark'?'light':'dark';set(t);try{localStorage.setItem(k,t);}catch(e){}};})();</script>\n";

    /// <summary>Writes the report for <paramref name="notebook"/> to <paramref name="path"/>.</summary>
    public static void Write(Notebook notebook, string path, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, Render(notebook, options), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The report as HTML text.</summary>
    public static string Render(Notebook notebook, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        options ??= HtmlReportOptions.Default;
        var body = new StringBuilder();
        var charts = 0;
        var failures = Failures(notebook);
        for (var index = 0; index < notebook.Cells.Count; index++)
        {
            var cell = notebook.Cells[index];
            if (cell.HasTag("remove-cell") && !failures.Failed.Contains(index)) continue;
            // A failed cell has an anchor the banner links to.
            if (failures.Failed.Contains(index)) body.Append("<div id=\"cell-").Append(index + 1).Append("\"></div>\n");
            switch (cell.CellType)
            {
                case NotebookCellType.Markdown:
                    body.Append("<section class=\"md\">\n").Append(MarkdownHtml.Render(cell.Source, cell.Attachments)).Append("</section>\n");
                    break;
                case NotebookCellType.Raw:
                    if (cell.Source.Trim().Length > 0) body.Append("<pre class=\"raw\">").Append(Escape(cell.Source)).Append("</pre>\n");
                    break;
                default:
                    AppendCodeCell(body, cell, options, ref charts);
                    break;
            }
        }

        var heading = FirstHeading(notebook);
        var title = options.Title ?? heading ?? options.FallbackTitle;
        var sb = new StringBuilder(body.Length + (charts > 0 ? PlotlyJs.Source.Length : 0) + 4096);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"generator\" content=\"Mallard\">\n")
          .Append("<title>").Append(Escape(title)).Append("</title>\n")
          .Append("<style>\n").Append(Style).Append("</style>\n");
        if (charts > 0)
        {
            // plotly.js once for the whole page, before any chart's script runs.
            sb.Append("<script>/* ").Append(PlotlyJs.Package).Append(" */\n").Append(PlotlyJs.Source).Append("\n</script>\n");
        }
        sb.Append("</head>\n<body>\n").Append(ThemeToggle).Append("<main>\n");
        // A notebook that opens with its own heading keeps it as the page's; otherwise the title heads the page.
        var summary = new StringBuilder();
        AppendRunSummary(summary, notebook);
        AppendFailureBanner(summary, notebook, failures);
        if (options.Title is not null || heading is null || summary.Length > 0)
        {
            sb.Append("<header class=\"report\">\n");
            if (options.Title is not null || heading is null) sb.Append("<h1>").Append(Escape(title)).Append("</h1>\n");
            sb.Append(summary).Append("</header>\n");
        }
        sb.Append(body).Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The cells (by index) whose outputs hold an error, and the code cells after the first of them that never ran.</summary>
    private static (HashSet<int> Failed, int NotRun) Failures(Notebook notebook)
    {
        var failed = new HashSet<int>();
        var notRun = 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.CellType != NotebookCellType.Code) continue;
            if (cell.Outputs.OfType<ErrorOutput>().Any()) failed.Add(i);
            else if (failed.Count > 0 && cell.ExecutionCount is null && cell.Source.Trim().Length > 0) notRun++;
        }
        return (failed, notRun);
    }

    /// <summary>
    /// A run with errors opens with a banner: how many cells failed, each linked with its error, and how many did not run
    /// after the first failure, so a reader never takes an incomplete report for a finished one.
    /// </summary>
    private static void AppendFailureBanner(StringBuilder sb, Notebook notebook, (HashSet<int> Failed, int NotRun) failures)
    {
        if (failures.Failed.Count == 0) return;
        var count = failures.Failed.Count;
        sb.Append("<div class=\"banner failed\" role=\"alert\"><strong>")
          .Append(count == 1 ? "1 cell failed" : string.Create(CultureInfo.InvariantCulture, $"{count} cells failed"))
          .Append(failures.NotRun > 0 ? string.Create(CultureInfo.InvariantCulture, $", and the {failures.NotRun} code cell{(failures.NotRun == 1 ? "" : "s")} after the first failure did not run") : "")
          .Append(":</strong> this report is incomplete.<ul>\n");
        foreach (var index in failures.Failed.Order())
        {
            var error = notebook.Cells[index].Outputs.OfType<ErrorOutput>().First();
            var what = error.Value.Length > 0 ? error.Name + ": " + error.Value : error.Name;
            var firstLine = what.Split('\n')[0];
            sb.Append("<li><a href=\"#cell-").Append(index + 1).Append("\">cell ").Append(index + 1).Append("</a>: ")
              .Append(Escape(StripAnsi(firstLine.Length > 200 ? firstLine[..199] + "…" : firstLine))).Append("</li>\n");
        }
        sb.Append("</ul></div>\n");
    }

    private static void AppendRunSummary(StringBuilder sb, Notebook notebook)
    {
        if (notebook.Metadata["mallard"]?["run"] is not JsonObject run) return;
        var parts = new List<string>();
        if (Text(run["end_time"]) is { } end && DateTimeOffset.TryParse(end, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            parts.Add("Run " + Escape(at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        if (run["duration_seconds"] is JsonValue d && d.TryGetValue(out double seconds))
            parts.Add(Escape(seconds.ToString("0.0", CultureInfo.InvariantCulture)) + " s");
        if (run["parameters"] is JsonObject parameters && parameters.Count > 0)
            parts.Add("parameters " + string.Join(", ", parameters.Select(p => "<code>" + Escape(p.Key + " = " + Text(p.Value)) + "</code>")));
        if (parts.Count > 0) sb.Append("<div class=\"meta\">").Append(string.Join(" · ", parts)).Append("</div>\n");
    }

    private static void AppendCodeCell(StringBuilder sb, NotebookCell cell, HtmlReportOptions options, ref int charts)
    {
        var parameters = cell.HasTag("injected-parameters");
        sb.Append(parameters ? "<div class=\"cell parameters\">\n" : "<div class=\"cell\">\n");
        var showCode = !cell.HasTag("remove-input") && (parameters || options.Code != ReportCodeDisplay.Hidden) && cell.Source.Trim().Length > 0;
        if (showCode)
        {
            var open = options.Code == ReportCodeDisplay.Shown && !cell.HasTag("hide-input") && !parameters;
            var label = parameters ? "Parameters" : cell.ExecutionCount is { } n ? string.Create(CultureInfo.InvariantCulture, $"Code [{n}]") : "Code";
            sb.Append(open ? "<details class=\"code\" open>" : "<details class=\"code\">")
              .Append("<summary>").Append(label);
            if (Duration(cell) is { } duration) sb.Append(" <span class=\"timing\">").Append(Escape(duration)).Append("</span>");
            sb.Append("</summary><pre><code class=\"language-csharp\">").Append(Escape(cell.Source)).Append("</code></pre></details>\n");
        }
        if (!cell.HasTag("remove-output") && cell.Outputs.Count > 0)
        {
            sb.Append("<div class=\"outputs\">\n");
            foreach (var output in cell.Outputs) AppendOutput(sb, output, ref charts);
            sb.Append("</div>\n");
        }
        sb.Append("</div>\n");
    }

    private static void AppendOutput(StringBuilder sb, NotebookOutput output, ref int charts)
    {
        switch (output)
        {
            case StreamOutput stream:
                sb.Append("<pre class=\"output stream-").Append(stream.Name == "stderr" ? "stderr" : "stdout").Append("\">")
                  .Append(Escape(StripAnsi(stream.Text))).Append("</pre>\n");
                break;
            case ErrorOutput error:
                var lines = error.Traceback.Count > 0 ? string.Join("\n", error.Traceback) : error.Name + ": " + error.Value;
                sb.Append("<pre class=\"output error\">").Append(Escape(StripAnsi(lines))).Append("</pre>\n");
                break;
            case RichOutput rich:
                sb.Append("<div class=\"output\">").Append(RenderRich(rich, ref charts)).Append("</div>\n");
                break;
        }
    }

    private static string RenderRich(RichOutput output, ref int charts)
    {
        if (output.Data[MimeTypes.Plotly] is JsonObject figure)
        {
            charts++;
            return PlotlyFragment(figure, charts);
        }
        if (output.GetText(MimeTypes.Html) is { } html) return html;
        if (output.GetText("image/svg+xml") is { } svg) return svg;
        foreach (var image in (string[])["image/png", "image/jpeg", "image/gif"])
        {
            if (output.GetText(image) is { } base64)
                return "<img alt=\"output\" src=\"data:" + image + ";base64," + Escape(base64.Replace("\n", "", StringComparison.Ordinal)) + "\">";
        }
        if (output.GetText("text/markdown") is { } markdown) return "<div class=\"md\">" + MarkdownHtml.Render(markdown) + "</div>";
        if (output.Data[MimeTypes.Json] is { } json)
            return "<pre>" + Escape(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true })) + "</pre>";
        if (output.GetText(MimeTypes.PlainText) is { } text) return "<pre>" + Escape(StripAnsi(text)) + "</pre>";
        return "";
    }

    /// <summary>A container and a script that draws the figure with the page's plotly.js.</summary>
    private static string PlotlyFragment(JsonObject figure, int number)
    {
        var id = "report-plot-" + number.ToString(CultureInfo.InvariantCulture);
        var height = figure["layout"]?["height"] is JsonValue h && h.TryGetValue(out double px) ? px : Figure.DefaultHeight;
        // The default encoder escapes <, >, &, quotes and non-ASCII: the JSON cannot end the script element.
        var json = figure.ToJsonString();
        return PlotlyJs.Element(id, height, json, "This chart needs plotly.js, which this report does not hold.");
    }

    private static string? FirstHeading(Notebook notebook)
    {
        foreach (var cell in notebook.Cells.Where(c => c.CellType == NotebookCellType.Markdown))
        {
            foreach (var line in cell.Source.Split('\n'))
            {
                var match = HeadingPattern().Match(line);
                if (match.Success) return match.Groups[1].Value.Trim();
            }
        }
        return null;
    }

    private static string? Duration(NotebookCell cell)
    {
        if (cell.Metadata["execution"] is not JsonObject execution) return null;
        if (!TryTime(execution["iopub.status.busy"], out var start) || !TryTime(execution["shell.execute_reply"], out var end)) return null;
        var seconds = (end - start).TotalSeconds;
        return seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";
    }

    private static bool TryTime(JsonNode? node, out DateTimeOffset time)
    {
        time = default;
        return Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        null => null,
        _ => node.ToJsonString(),
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string StripAnsi(string text) => AnsiPattern().Replace(text, "");

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiPattern();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex HeadingPattern();
}
