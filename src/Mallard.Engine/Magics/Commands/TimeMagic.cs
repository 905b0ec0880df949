using System.Diagnostics;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!time</c>: runs the rest of the cell and reports its wall time, also when it fails.</summary>
internal sealed class TimeMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("time", "Run the rest of the cell and report how long it took.", MagicBody.Rest, [], [], NeedsBody: true);

    public override int Order => 70;

    public override async Task RunAsync(MagicContext context)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await context.Session.RunTextAsync(context.Body, context.BodyOffset, context.Run).ConfigureAwait(false);
        }
        finally
        {
            context.Run.Write(OutputStreamKind.Stdout, $"Wall time: {Session.FormatDuration(stopwatch.Elapsed)}\n");
        }
    }
}
