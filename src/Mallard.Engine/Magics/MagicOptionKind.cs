namespace Mallard.Engine.Magics;

/// <summary>What an option of a magic takes.</summary>
internal enum MagicOptionKind
{
    /// <summary>No value: present or not.</summary>
    Flag,

    /// <summary>Any text.</summary>
    Text,

    /// <summary>A whole number of at least zero.</summary>
    Count,
}
