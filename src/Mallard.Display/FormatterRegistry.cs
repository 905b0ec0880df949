using System.Collections.Immutable;
using Mallard.Display.Formatters;

namespace Mallard.Display;

/// <summary>
/// Chooses how a value is displayed: formatters added with <see cref="With"/> first, then
/// <see cref="Mallard.Data.Frame"/>, <see cref="Plotly.Figure"/>, KPI cards, and finally any object
/// through Microsoft.DotNet.Interactive.Formatting. Owned by an instance (a session, a report), never
/// global: two registries never affect each other. One registry stands for one document, which matters
/// only for whether plotly.js has been sent (see <see cref="PlotlyScriptMode"/>); formatting is
/// otherwise deterministic.
/// </summary>
public sealed class FormatterRegistry
{
    private static readonly ImmutableArray<IDisplayFormatter> BuiltIn =
        [new FrameFormatter(), new FigureFormatter(), new KpiFormatter(), new MarkdownFormatter(), new PlotlyNetFormatter(), new ObjectFormatter()];

    private readonly ImmutableArray<IDisplayFormatter> _added;
    private int _plotlySent;

    public FormatterRegistry(DisplayOptions? options = null)
        : this(options ?? DisplayOptions.Default, [])
    {
    }

    private FormatterRegistry(DisplayOptions options, ImmutableArray<IDisplayFormatter> added)
    {
        options.Validate();
        Options = options;
        _added = added;
    }

    public DisplayOptions Options { get; }

    /// <summary>Every formatter, in the order they are asked.</summary>
    public IReadOnlyList<IDisplayFormatter> Formatters => [.. _added, .. BuiltIn];

    /// <summary>A new registry (a new document) that asks <paramref name="formatter"/> before the others.</summary>
    public FormatterRegistry With(IDisplayFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        return new FormatterRegistry(Options, _added.Insert(0, formatter));
    }

    /// <summary>A new registry (a new document) with other options and the same added formatters.</summary>
    public FormatterRegistry WithOptions(DisplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FormatterRegistry(options, _added);
    }

    /// <summary>The value as a MIME bundle. A bundle is returned as it is; null shows as <c>null</c>.</summary>
    public MimeBundle Format(object? value)
    {
        if (value is null) return MimeBundle.Empty.WithText(MimeTypes.PlainText, "null");
        if (value is MimeBundle bundle) return bundle;
        var context = new DisplayContext(this);
        foreach (var formatter in _added)
            if (formatter.TryFormat(value, context, out var result)) return result;
        foreach (var formatter in BuiltIn)
            if (formatter.TryFormat(value, context, out var result)) return result;
        return MimeBundle.Empty.WithText(MimeTypes.PlainText, value.ToString() ?? "");
    }

    /// <summary>Starts a new document: the next chart carries plotly.js again (after the outputs were cleared, or for a new page).</summary>
    public void StartNewDocument() => Interlocked.Exchange(ref _plotlySent, 0);

    internal bool ClaimPlotlyScript() => Options.PlotlyScript switch
    {
        PlotlyScriptMode.Inline => true,
        PlotlyScriptMode.None or PlotlyScriptMode.Shared or PlotlyScriptMode.Cdn or PlotlyScriptMode.MimeOnly => false,
        _ => Interlocked.Exchange(ref _plotlySent, 1) == 0,
    };
}
