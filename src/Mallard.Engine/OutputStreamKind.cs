namespace Mallard.Engine;

/// <summary>Which standard stream text was written to.</summary>
public enum OutputStreamKind
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}
