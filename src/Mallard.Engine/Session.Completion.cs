using Mallard.Data;
using Mallard.Display;
using Mallard.Engine.Completion;
using Mallard.Engine.Magics;

namespace Mallard.Engine;

public sealed partial class Session
{
    /// <summary>Completions at <paramref name="position"/> (UTF-16 offset) in <paramref name="code"/>.</summary>
    public async Task<CompletionResult> CompleteAsync(string code, int position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        position = Math.Clamp(position, 0, code.Length);
        var region = CellRegions.Locate(code, position, DefaultLanguage);
        try
        {
            return region.Kind switch
            {
                RegionKind.Magic => MagicCompletion.Complete(code, position, region, this),
                RegionKind.Sql => SqlCompletion.Complete(code, position, region, ConnectionFor(region), [.. VariableTypes.Where(v => IsFrameLike(v.Type)).Select(v => v.Name)]),
                _ => _code is null ? CompletionResult.None(position) : await _code.CompleteAsync(code, position, region, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Completion is best effort: a failure shows as no suggestions, never as a broken session.
            return CompletionResult.None(position);
        }
    }

    /// <summary>Describes the symbol at <paramref name="position"/> (UTF-16 offset) in <paramref name="code"/>.</summary>
    public async Task<InspectionResult> InspectAsync(string code, int position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        position = Math.Clamp(position, 0, code.Length);
        var region = CellRegions.Locate(code, position, DefaultLanguage);
        try
        {
            switch (region.Kind)
            {
                case RegionKind.Sql:
                    var word = SqlCompletion.WordAt(code, position);
                    var connection = ConnectionFor(region);
                    if (word.Length == 0 || connection is null) return InspectionResult.NotFound;
                    var frame = connection.Describe(word, cancellationToken);
                    if (frame is null) return InspectionResult.NotFound;
                    return new InspectionResult(true, _formatter.WithOptions(_formatter.Options with { MaxRows = 1000 }).Format(frame)
                        .WithText("text/plain", word + "\n" + string.Join("\n", frame.Rows.Select(r => $"  {r[0]} {r[1]}{(Equals(r[2], "NO") ? " NOT NULL" : "")}"))));
                case RegionKind.CSharp:
                    return _code is null ? InspectionResult.NotFound : await _code.InspectAsync(code, position, region, cancellationToken).ConfigureAwait(false);
                default:
                    var spec = MagicCompletion.SpecAt(code, region);
                    if (spec is null) return InspectionResult.NotFound;
                    var help = spec.Usage + "\n" + spec.Summary + "\n" + string.Join("\n", spec.Options.Select(o => "  " + o.Usage.PadRight(22) + o.Help));
                    return new InspectionResult(true, MimeBundle.Empty.WithText("text/plain", help));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return InspectionResult.NotFound;
        }
    }

    /// <summary>The connection a SQL region runs on, or null when it names one that does not exist.</summary>
    private Connections.SessionConnection? ConnectionFor(CellRegion region)
    {
        try
        {
            return _connections.Get(region.ConnectionName);
        }
        catch (MagicException)
        {
            return null;
        }
    }

    internal IEnumerable<string> ConnectionNames => _connections.All.Select(c => c.Name);

    internal IEnumerable<(string Name, Type Type)> VariableTypes => _variables.Variables.Select(v => (v.Name, v.Type));

    internal static bool IsFrameLike(Type type) => type == typeof(Frame) || (type != typeof(string) && RecordType(type) is not null);
}
