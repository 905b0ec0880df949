using Mallard.Engine.Internal;

namespace Mallard.Engine.Magics;

/// <summary>A magic as it runs: the session, the parsed magic line, and the rest of the cell after it.</summary>
/// <param name="Session">The session running the cell.</param>
/// <param name="Magic">The parsed magic line.</param>
/// <param name="Body">The cell's text after the magic line.</param>
/// <param name="BodyOffset">Where <paramref name="Body"/> starts in the whole cell (for error positions).</param>
/// <param name="Run">The running cell: its output, cancellation and progress.</param>
internal sealed record MagicContext(Session Session, MagicInvocation Magic, string Body, int BodyOffset, CellRun Run)
{
    /// <summary>Runs <see cref="Body"/> as cell text of its own (more magics, or code in the session's language); nothing when it is blank.</summary>
    public Task RunBodyAsync() => Body.Trim().Length > 0 ? Session.RunTextAsync(Body, BodyOffset, Run) : Task.CompletedTask;

    /// <summary>
    /// The body up to its next magic line: the content of a magic that, like a Polyglot kernel, holds until the next
    /// directive (<c>#!html</c>, <c>#!markdown</c>, <c>#!value</c>...).
    /// </summary>
    public string OwnBody => Session.SplitAtMagic(Body).Code;

    /// <summary>Runs what follows <see cref="OwnBody"/>: the next magic and the rest of the cell; nothing when there is none.</summary>
    public Task RunAfterOwnBodyAsync()
    {
        var (_, rest, restStart) = Session.SplitAtMagic(Body);
        return rest is null ? Task.CompletedTask : Session.RunTextAsync(rest, BodyOffset + restStart, Run);
    }

    /// <summary>An error about this magic line, to throw.</summary>
    public MagicException Error(string message) => new(message) { Line = Magic.Line };

    /// <summary>Shows <paramref name="value"/> formatted by the session's formatters.</summary>
    public void Display(object value) => Run.Display(Session.Formatter.Format(value));
}
