using Mallard.Jupyter.Kernel;

namespace Mallard.Jupyter.Tests;

public sealed class CodePointsTests
{
    [Fact]
    public void Cursor_positions_count_code_points_not_UTF16_units()
    {
        var text = "a🦆b.";
        Assert.Equal(5, text.Length);
        Assert.Equal(3, CodePoints.ToUtf16(text, 2));
        Assert.Equal(5, CodePoints.ToUtf16(text, 4));
        Assert.Equal(5, CodePoints.ToUtf16(text, 99));
        Assert.Equal(2, CodePoints.FromUtf16(text, 3));
        Assert.Equal(4, CodePoints.FromUtf16(text, 5));
    }
}
