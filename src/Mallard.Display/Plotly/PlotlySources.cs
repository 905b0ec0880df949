namespace Mallard.Display.Plotly;

/// <summary>
/// Where a chart whose page has no plotly.js loads it from, in this order: the kernelspec <paramref name="KernelName"/> through
/// the Jupyter server the page came from, a <see cref="PlotlyJs.FileName"/> beside the document, cdn.plot.ly.
/// </summary>
public sealed record PlotlySources(string? KernelName, bool Beside, bool Cdn);
