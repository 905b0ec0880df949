using Mallard.Display;

namespace Mallard.Engine;

/// <summary>What the engine knows about the symbol at a position: found or not, and a MIME bundle describing it.</summary>
public sealed record InspectionResult(bool Found, MimeBundle Data)
{
    /// <summary>Nothing found.</summary>
    public static InspectionResult NotFound { get; } = new(false, MimeBundle.Empty);
}
