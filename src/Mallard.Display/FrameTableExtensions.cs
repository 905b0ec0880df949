using Mallard.Data;

namespace Mallard.Display;

/// <summary>Starts a <see cref="FormattedTable"/> from a frame: <c>frame.Table().Currency("revenue").Labels()</c>.</summary>
public static class FrameTableExtensions
{
    public static FormattedTable Table(this Frame frame) => new(frame);
}
