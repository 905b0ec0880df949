namespace Mallard.Engine.Scripting;

/// <summary>A value shown with <c>display(x)</c>; <see cref="Update"/> replaces what is shown in place.</summary>
public sealed class DisplayHandle
{
    private readonly Action<object?> _update;

    internal DisplayHandle(string displayId, Action<object?> update)
    {
        DisplayId = displayId;
        _update = update;
    }

    /// <summary>The id front ends use to replace the display.</summary>
    public string DisplayId { get; }

    /// <summary>Shows <paramref name="value"/> in place of what was displayed.</summary>
    public void Update(object? value) => _update(value);

    /// <inheritdoc />
    public override string ToString() => "display " + DisplayId;
}
