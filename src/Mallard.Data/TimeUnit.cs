namespace Mallard.Data;

/// <summary>The unit of a stored time or timestamp value.</summary>
public enum TimeUnit
{
    Seconds,
    Milliseconds,
    Microseconds,
    Nanoseconds,
}
