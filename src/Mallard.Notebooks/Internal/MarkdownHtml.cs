using System.Text.Json;
using System.Text.Json.Nodes;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Mallard.Notebooks.Internal;

/// <summary>
/// Markdown to HTML for narrative cells, with Markdig: CommonMark plus pipe tables, emphasis extras, task
/// lists and auto-links, as Jupyter renders notebooks. Text is escaped by Markdig; HTML written in a cell is
/// kept, as Jupyter keeps it. Images that name a cell attachment (<c>attachment:NAME</c>) become data URIs.
/// </summary>
internal static class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .UseListExtras()
        .UseGenericAttributes()
        .Build();

    public static string Render(string markdown, JsonObject? attachments = null)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        if (attachments is not null)
        {
            foreach (var link in document.Descendants<LinkInline>())
            {
                if (link.Url is not { } url || !url.StartsWith("attachment:", StringComparison.Ordinal)) continue;
                if (attachments[url["attachment:".Length..]] is not JsonObject bundle) continue;
                foreach (var (mime, value) in bundle)
                {
                    if (!mime.StartsWith("image/", StringComparison.Ordinal) || value is not JsonValue v || v.GetValueKind() != JsonValueKind.String) continue;
                    var data = v.GetValue<string>();
                    link.Url = mime == "image/svg+xml"
                        ? "data:image/svg+xml;charset=utf-8," + Uri.EscapeDataString(data)
                        : "data:" + mime + ";base64," + data.Replace("\n", "", StringComparison.Ordinal);
                    break;
                }
            }
        }
        return document.ToHtml(Pipeline);
    }
}
