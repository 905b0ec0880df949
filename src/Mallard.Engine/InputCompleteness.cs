namespace Mallard.Engine;

/// <summary>Whether a piece of input is ready to run, for terminals that submit on Enter.</summary>
public enum InputCompleteness
{
    /// <summary>Ready to run.</summary>
    Complete,

    /// <summary>More input is expected (an open block, SQL without its terminating ';').</summary>
    Incomplete,

    /// <summary>It can never become valid by adding text.</summary>
    Invalid,

    /// <summary>The engine cannot tell.</summary>
    Unknown,
}
