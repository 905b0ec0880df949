using System.Diagnostics.CodeAnalysis;

namespace Mallard.Display;

/// <summary>Turns the values it knows into a <see cref="MimeBundle"/>; a <see cref="FormatterRegistry"/> asks each in turn.</summary>
public interface IDisplayFormatter
{
    bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle);
}
