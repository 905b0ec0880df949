namespace Mallard.Display;

/// <summary>How the <c>text/html</c> form of a chart gets plotly.js (about 4.8 MB).</summary>
public enum PlotlyScriptMode
{
    /// <summary>
    /// The first chart a <see cref="FormatterRegistry"/> formats carries plotly.js inline; later ones use
    /// the copy that one loaded into the document. The default: a notebook of a dozen charts stays a few
    /// megabytes instead of fifty, and still draws with no network.
    /// </summary>
    OncePerDocument,

    /// <summary>Every chart carries plotly.js inline: each output stands alone, at 4.8 MB each.</summary>
    Inline,

    /// <summary>No chart carries plotly.js: the page that holds the outputs loads it itself (the HTML report does, once, in its head).</summary>
    None,

    /// <summary>
    /// No chart carries plotly.js; where the page has none, the first chart loads the one copy on the machine: the copy
    /// <c>mallard kernel install</c> puts in the kernelspec, which a Jupyter server (JupyterLab, Notebook) serves, else a
    /// <see cref="Plotly.PlotlyJs.FileName"/> beside the document (as <c>mallard run</c> writes beside an executed notebook, where
    /// nbconvert's HTML finds it). Notebooks stay small, re-running a cell never takes plotly.js from the others, and nothing
    /// comes from a network. Front ends that draw the Plotly JSON themselves (VS Code) need neither.
    /// </summary>
    Shared,

    /// <summary>No chart carries plotly.js; where the page has none, the first chart loads it from cdn.plot.ly (needs a network).</summary>
    Cdn,

    /// <summary>
    /// Charts have no HTML form at all, only the Plotly JSON and a line of text (plotly.py's <c>plotly_mimetype</c>): front ends
    /// that draw Plotly JSON themselves (VS Code, JupyterLab with its Plotly extension, the HTML report) show them, others the text.
    /// </summary>
    MimeOnly,
}
