using Mallard.Display.Kpi;
using Mallard.Display.Plotly;

namespace Mallard.Display.Tests;

public sealed class RegistryTests
{
    [Fact]
    public void A_frame_becomes_an_html_table_and_a_text_table()
    {
        var bundle = new FormatterRegistry().Format(Frames.SegmentMix());
        Assert.Equal([MimeTypes.Html, MimeTypes.PlainText], bundle.MimeTypes);
        Assert.StartsWith("<div class=\"mallard-table\"", bundle.Get(MimeTypes.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_becomes_plotly_json_first_then_html_then_text()
    {
        var bundle = new FormatterRegistry().Format(Charts.Build("bar_segment"));
        Assert.Equal([MimeTypes.Plotly, MimeTypes.Html, MimeTypes.PlainText], bundle.MimeTypes);
        Assert.True(bundle.Items[0].IsJson);
    }

    [Fact]
    public void Markdown_becomes_text_markdown_with_its_source_as_plain_text()
    {
        var bundle = new FormatterRegistry().Format(new Markdown("- **42%** of <revenue>"));
        Assert.Equal([MimeTypes.Markdown, MimeTypes.PlainText], bundle.MimeTypes);
        Assert.Equal("- **42%** of <revenue>", bundle.Get(MimeTypes.Markdown));
        Assert.Equal("- **42%** of <revenue>", bundle.Get(MimeTypes.PlainText));
    }

    [Fact]
    public void Plotly_is_sent_once_per_document_by_default()
    {
        var registry = new FormatterRegistry();
        var first = registry.Format(Charts.Build("pie")).Get(MimeTypes.Html);
        var second = registry.Format(Charts.Build("pie")).Get(MimeTypes.Html);
        Assert.Contains("plotly.js v", first, StringComparison.Ordinal);
        Assert.DoesNotContain("plotly.js v", second, StringComparison.Ordinal);
        registry.StartNewDocument();
        Assert.Contains("plotly.js v", registry.Format(Charts.Build("pie")).Get(MimeTypes.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void Registries_do_not_share_state()
    {
        var one = new FormatterRegistry();
        var two = new FormatterRegistry();
        one.Format(Charts.Build("pie"));
        Assert.Contains("plotly.js v", two.Format(Charts.Build("pie")).Get(MimeTypes.Html), StringComparison.Ordinal);
        var small = new FormatterRegistry(DisplayOptions.Default with { MaxRows = 1 });
        Assert.Contains("1 of 4 rows", small.Format(Frames.SegmentMix()).Get(MimeTypes.PlainText), StringComparison.Ordinal);
        Assert.Contains("4 rows", one.Format(Frames.SegmentMix()).Get(MimeTypes.PlainText), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlotlyScriptMode.Inline, true, true)]
    [InlineData(PlotlyScriptMode.None, false, false)]
    [InlineData(PlotlyScriptMode.Shared, false, false)]
    [InlineData(PlotlyScriptMode.Cdn, false, false)]
    public void The_plotly_mode_decides_which_outputs_carry_plotly(PlotlyScriptMode mode, bool first, bool second)
    {
        var registry = new FormatterRegistry(DisplayOptions.Default with { PlotlyScript = mode });
        Assert.Equal(first, registry.Format(Charts.Build("pie")).Get(MimeTypes.Html).Contains("plotly.js v", StringComparison.Ordinal));
        Assert.Equal(second, registry.Format(Charts.Build("pie")).Get(MimeTypes.Html).Contains("plotly.js v", StringComparison.Ordinal));
    }

    [Fact]
    public void Shared_charts_load_the_kernelspecs_copy_or_the_one_beside_the_page_and_cdn_charts_the_cdns()
    {
        var shared = new FormatterRegistry(DisplayOptions.Default with { PlotlyScript = PlotlyScriptMode.Shared, PlotlyKernelName = "mallard-dev" })
            .Format(Charts.Build("pie")).Get(MimeTypes.Html);
        Assert.Contains("'kernelspecs/'+encodeURIComponent(\"mallard-dev\")", shared, StringComparison.Ordinal);
        Assert.Contains("u.push(f);", shared, StringComparison.Ordinal);
        Assert.Contains("\"" + PlotlyJs.FileName + "\"", shared, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", shared, StringComparison.Ordinal);
        var cdn = new FormatterRegistry(DisplayOptions.Default with { PlotlyScript = PlotlyScriptMode.Cdn }).Format(Charts.Build("pie")).Get(MimeTypes.Html);
        Assert.Contains("https://cdn.plot.ly/", cdn, StringComparison.Ordinal);
        Assert.DoesNotContain("kernelspecs", cdn, StringComparison.Ordinal);
    }

    [Fact]
    public void Mime_only_charts_have_no_html_form()
    {
        var bundle = new FormatterRegistry(DisplayOptions.Default with { PlotlyScript = PlotlyScriptMode.MimeOnly }).Format(Charts.Build("pie"));
        Assert.Null(bundle[MimeTypes.Html]);
        Assert.NotNull(bundle[MimeTypes.Plotly]);
        Assert.NotNull(bundle[MimeTypes.PlainText]);
    }

    [Fact]
    public void Kpi_cards_become_a_row_of_cards()
    {
        var registry = new FormatterRegistry();
        Assert.Contains("mk-card", registry.Format(new KpiCard("Customers", 28)).Get(MimeTypes.Html), StringComparison.Ordinal);
        Assert.Equal(8, CountCards(registry.Format(KpiTests.PortfolioSnapshot()).Get(MimeTypes.Html)));
        Assert.Equal(2, CountCards(registry.Format(new List<KpiCard> { new("a", 1), new("b", 2) }).Get(MimeTypes.Html)));
    }

    [Fact]
    public void An_added_formatter_is_asked_first_and_only_in_its_own_registry()
    {
        var plain = new FormatterRegistry();
        var custom = plain.With(new ShoutingFormatter());
        Assert.Equal("HELLO", custom.Format("hello").Get(MimeTypes.PlainText));
        Assert.Equal("hello", plain.Format("hello").Get(MimeTypes.PlainText));
    }

    [Fact]
    public void Other_objects_go_through_dotnet_interactive_formatting()
    {
        var registry = new FormatterRegistry();
        var bundle = registry.Format(new Customer("<script>x</script>", 3));
        var html = bundle.Get(MimeTypes.Html);
        Assert.Contains("Name", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x", html, StringComparison.Ordinal);
        var list = registry.Format(new[] { new Customer("a", 1), new Customer("b", 2) });
        Assert.Contains("<table", list.Get(MimeTypes.Html), StringComparison.Ordinal);
        Assert.Equal([MimeTypes.PlainText], registry.Format(42).MimeTypes);
        Assert.Equal("null", registry.Format(null).Get(MimeTypes.PlainText));
    }

    [Fact]
    public void A_bundle_serialises_to_jupyter_data_with_json_kept_as_json()
    {
        var bundle = MimeBundle.Empty.WithJson(MimeTypes.Plotly, "{\"data\":[]}").WithText(MimeTypes.PlainText, "a <b> \"c\"");
        Assert.Equal("{\"application/vnd.plotly.v1+json\":{\"data\":[]},\"text/plain\":\"a <b> \\\"c\\\"\"}", bundle.ToDataJson());
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => MimeBundle.Empty.WithJson(MimeTypes.Json, "{not json"));
        Assert.Equal("b", bundle.WithText(MimeTypes.PlainText, "b").Get(MimeTypes.PlainText));
    }

    public sealed record Customer(string Name, int Orders);

    private sealed class ShoutingFormatter : IDisplayFormatter
    {
        public bool TryFormat(object value, DisplayContext context, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MimeBundle? bundle)
        {
            bundle = value is string s ? MimeBundle.Empty.WithText(MimeTypes.PlainText, s.ToUpperInvariant()) : null;
            return bundle is not null;
        }
    }

    private static int CountCards(string html) => html.Split("class=\"mk-card\"").Length - 1;
}
