namespace Mallard.Engine.Magics;

/// <summary>
/// One magic, all in one place: its name, options and help (<see cref="Spec"/>), what it does, and what completes its
/// arguments. Every non-abstract subclass in this assembly is a magic (<see cref="MagicCatalog"/> finds them), so a new
/// magic is one new file in <c>Magics/Commands</c>.
/// </summary>
internal abstract class MagicCommand
{
    /// <summary>The magic's name, options, positional arguments, body and help.</summary>
    public abstract MagicSpec Spec { get; }

    /// <summary>Where <c>#!help</c> and completion list it: lower first.</summary>
    public abstract int Order { get; }

    /// <summary>Runs the magic, and whatever the cell holds after its line when that is the magic's to run.</summary>
    public abstract Task RunAsync(MagicContext context);

    /// <summary>The values offered for positional argument <paramref name="index"/> (from 0); none by default.</summary>
    public virtual IEnumerable<CompletionItem> CompletePositional(Session session, int index) => [];
}
