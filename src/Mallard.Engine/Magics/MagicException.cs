namespace Mallard.Engine.Magics;

/// <summary>A magic line that cannot run: unknown magic or option, missing or bad value. The message names the problem and what is accepted.</summary>
public sealed class MagicException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MagicException() { }

    /// <summary>Creates the exception with a message.</summary>
    public MagicException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public MagicException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Zero-based line of the cell holding the bad magic.</summary>
    public int Line { get; init; }

    /// <summary>Zero-based column of the bad token in that line, when known.</summary>
    public int? Column { get; init; }
}
