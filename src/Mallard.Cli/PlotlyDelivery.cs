namespace Mallard.Cli;

/// <summary>How an executed notebook's charts get plotly.js (<c>--plotly</c>).</summary>
internal enum PlotlyDelivery
{
    /// <summary>None in the notebook: plotly.js beside it, and the installed kernel's copy through Jupyter.</summary>
    Shared,

    /// <summary>The first chart carries it.</summary>
    Embed,

    /// <summary>Loaded from cdn.plot.ly.</summary>
    Cdn,

    /// <summary>No HTML form: the Plotly JSON only, for front ends that draw it themselves.</summary>
    Mime,
}
