namespace Mallard.Notebooks;

/// <summary>How the HTML report shows the code of code cells.</summary>
public enum ReportCodeDisplay
{
    /// <summary>Each code cell's source sits in a closed, clickable "Code" box above its outputs (the default).</summary>
    Collapsed,

    /// <summary>Code is not in the report at all: narrative and outputs only.</summary>
    Hidden,

    /// <summary>Code is shown open above its outputs.</summary>
    Shown,
}
