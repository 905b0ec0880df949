using System.Diagnostics;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!time</c>: runs the rest of the cell and reports its wall time, also when it fails.</summary>
internal sealed class TimeMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("time", "Run the rest of the cell and report how long it took.", MagicBody.Rest, [], [], NeedsBody: true, OpensAnyCell: true);

    public override int Order => 70;

    public override Task RunAsync(MagicContext context) =>
        MeasureAsync(context.Run, () => context.Session.RunTextAsync(context.Body, context.BodyOffset, context.Run));

    /// <summary>Runs <paramref name="body"/> and reports its wall time to <paramref name="run"/>, also when it fails.</summary>
    internal static async Task MeasureAsync(Internal.CellRun run, Func<Task> body)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await body().ConfigureAwait(false);
        }
        finally
        {
            run.Write(OutputStreamKind.Stdout, $"Wall time: {Session.FormatDuration(stopwatch.Elapsed)}\n");
        }
    }
}
