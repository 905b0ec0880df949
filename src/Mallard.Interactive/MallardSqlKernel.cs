using Mallard.Display;
using System.Globalization;
using System.Text.Json;
using Mallard.Data;
using Mallard.Engine;
using Mallard.Engine.Code;
using Mallard.Engine.Connections;
using Mallard.Connectors.Postgres;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.Formatting.TabularData;
using Microsoft.DotNet.Interactive.ValueSharing;

namespace Mallard.Interactive;

/// <summary>
/// A SQL kernel over one connection (the gold warehouse, or what <c>#!connect</c> opened), run by Mallard's engine: every
/// statement runs, the last result shows as a Mallard table, <c>--name x</c> keeps it (as a <see cref="Frame"/> in C#, and for
/// <c>#!share</c> as Polyglot's list of <see cref="TabularDataResource"/>), <c>$x</c> binds a value given with <c>#!set</c> or a C#
/// variable of that name, errors show DuckDB's message with the position, and the stop button interrupts the query.
/// </summary>
public sealed class MallardSqlKernel : Kernel,
    IKernelCommandHandler<SubmitCode>,
    IKernelCommandHandler<SendValue>,
    IKernelCommandHandler<RequestValue>,
    IKernelCommandHandler<RequestValueInfos>,
    IKernelCommandHandler<RequestCompletions>
{
    private readonly MallardHost _host;
    private readonly Session _session;
    private readonly KernelValues _values = new();
    private readonly Dictionary<string, List<TabularDataResource>> _results = new(StringComparer.Ordinal);
    private KernelSpecifierDirective? _directive;

    internal MallardSqlKernel(string name, MallardHost host, bool isWarehouse, Func<SessionConnection> open, string description) : base(name)
    {
        _host = host;
        IsWarehouse = isWarehouse;
        KernelInfo.LanguageName = "SQL";
        KernelInfo.DisplayName = $"SQL - {name} (Mallard)";
        KernelInfo.Description = $"SQL on {description}, run by Mallard";
        _session = new Session(new SessionOptions
        {
            DefaultConnection = open,
            Variables = _values,
            WorkingDirectory = host.WorkingDirectory,
            Display = host.Formatter.Options,
            ConnectionProviders = [DuckDbConnectionProvider.Instance, PostgresConnectionProvider.Instance, AdoConnectionProvider.Instance],
        });
        RegisterForDisposal(_session);
        // #!set and #!share in this kernel's cells.
        this.UseValueSharing();
    }

    /// <summary>Whether this is the warehouse's kernel that loading Mallard adds.</summary>
    public bool IsWarehouse { get; }

    /// <summary>The engine session that runs this kernel's cells.</summary>
    public Session Session => _session;

    /// <inheritdoc />
    public override KernelSpecifierDirective KernelSpecifierDirective
    {
        get
        {
            if (_directive is not null) return _directive;
            var directive = base.KernelSpecifierDirective;
            directive.Parameters.Add(new KernelDirectiveParameter("--name", "Keep the last result: a Frame in C# under this name, and for #!share --from " + Name));
            directive.Parameters.Add(new KernelDirectiveParameter("--quiet", "Do not show the result (keep it with --name)") { Flag = true });
            directive.Parameters.Add(new KernelDirectiveParameter("--limit", "Show at most this many rows (--name keeps them all)") { TypeHint = "number" });
            directive.Parameters.Add(new KernelDirectiveParameter("--format", "Formats of the shown columns: revenue=currency,share=percent:1,customer_id=id"));
            directive.Parameters.Add(new KernelDirectiveParameter("--labels", "Show headers as people read them (customer_segment as Customer segment)") { Flag = true });
            return _directive = directive;
        }
    }

    async Task IKernelCommandHandler<SubmitCode>.HandleAsync(SubmitCode command, KernelInvocationContext context)
    {
        SqlCellOptions options;
        try
        {
            options = Options(command);
        }
        catch (ArgumentException e)
        {
            // The message alone: thrown, .NET Interactive would show the exception with its stack trace.
            context.Fail(command, message: e.Message);
            return;
        }
        await ImportHostValuesAsync(command.Code, context).ConfigureAwait(false);
        var output = new InteractiveOutput(context, command, _host);
        CellOutcome outcome;
        using var cellEnd = new CellEndWatch(_host.Root, context.Command);
        using (context.CancellationToken.Register(_session.Interrupt))
        {
            outcome = await _session.ExecuteSqlAsync(command.Code, options, output, context.CancellationToken).ConfigureAwait(false);
        }
        // The stop button: .NET Interactive ends the cell itself ("Command cancelled."), and the handler adds nothing unless
        // that end never reached the root kernel (see CellEndWatch).
        if (context.CancellationToken.IsCancellationRequested)
        {
            if (await cellEnd.WasLostAsync(context).ConfigureAwait(false)) PublishEvent(new CommandFailed(null, context.Command, "Command cancelled."));
            return;
        }
        if (outcome.Status == CellStatus.Cancelled)
        {
            // Stopped by the Cancel middleware's direct interrupt (MallardInteractive), which can end the query before .NET
            // Interactive's own cancellation reaches this context's token (seen once in a loaded test run): the cell ends as
            // .NET Interactive ends a stopped one, not as a failure.
            context.Fail(command, message: "Command cancelled.");
            return;
        }
        if (!outcome.Succeeded)
        {
            var error = outcome.Error!;
            context.Fail(command, message: string.Join("\n", error.Traceback.Count > 0 ? error.Traceback : [error.Message]));
            return;
        }
        if (options.Name is { } name && _values.TryGetVariable(name, out var kept) && kept.Value is Frame frame)
        {
            _results[name] = [frame.ToTabularDataResource()];
            await ShareWithCSharpAsync(name, frame, context).ConfigureAwait(false);
        }
    }

    /// <summary><c>#!set --name x --value ...</c>: a value for <c>$x</c> in this kernel's SQL.</summary>
    Task IKernelCommandHandler<SendValue>.HandleAsync(SendValue command, KernelInvocationContext context)
    {
        if (!_values.IsValidName(command.Name))
        {
            context.Fail(command, message: $"'{command.Name}' cannot name a SQL parameter: use letters, digits and '_', not starting with a digit.");
            return Task.CompletedTask;
        }
        var value = command.Value ?? FromFormatted(command.FormattedValue);
        _values.SetVariable(command.Name, value?.GetType() ?? typeof(object), value);
        return Task.CompletedTask;
    }

    /// <summary><c>#!share --from NAME x</c>: a result kept with <c>--name x</c>, as Polyglot's SQL kernels share it, or a value set here.</summary>
    Task IKernelCommandHandler<RequestValue>.HandleAsync(RequestValue command, KernelInvocationContext context)
    {
        object? value = _results.TryGetValue(command.Name, out var tables) ? tables
            : _values.TryGetVariable(command.Name, out var variable) ? variable.Value
            : null;
        if (value is null)
        {
            var known = _results.Keys.Concat(_values.Variables.Select(v => v.Name)).Distinct().ToList();
            context.Fail(command, message: $"Kernel {Name} has no value named '{command.Name}'. "
                + (known.Count == 0 ? "Keep a result with --name (for example #!" + Name + " --name x)." : "It has: " + string.Join(", ", known) + "."));
            return Task.CompletedTask;
        }
        var mimeType = command.MimeType ?? JsonFormatter.MimeType;
        var formatted = value is List<TabularDataResource> list && mimeType == JsonFormatter.MimeType
            ? new FormattedValue(mimeType, "[" + string.Join(",", list.Select(t => t.ToJsonString().ToString())) + "]")
            : new FormattedValue(mimeType, value.ToDisplayString(mimeType));
        context.Publish(new ValueProduced(value, command.Name, formatted, command));
        return Task.CompletedTask;
    }

    Task IKernelCommandHandler<RequestValueInfos>.HandleAsync(RequestValueInfos command, KernelInvocationContext context)
    {
        var infos = _results.Select(r => new KernelValueInfo(r.Key, new FormattedValue(PlainTextFormatter.MimeType, Summary(r.Value)), typeof(List<TabularDataResource>)))
            .Concat(_values.Variables.Where(v => !_results.ContainsKey(v.Name) && v.Value is not Frame)
                .Select(v => new KernelValueInfo(v.Name, new FormattedValue(PlainTextFormatter.MimeType, v.Value?.ToString() ?? "null"), v.Type)))
            .ToList();
        context.Publish(new ValueInfosProduced(infos, command));
        return Task.CompletedTask;
    }

    async Task IKernelCommandHandler<RequestCompletions>.HandleAsync(RequestCompletions command, KernelInvocationContext context)
    {
        var position = Offset(command.Code, command.LinePosition.Line, command.LinePosition.Character);
        var result = await _session.CompleteAsync(command.Code, position, context.CancellationToken).ConfigureAwait(false);
        var items = result.Items.Select(i => new Microsoft.DotNet.Interactive.Events.CompletionItem(i.Text, CompletionKind(i.Kind), documentation: i.Detail)).ToList();
        var start = SourcePosition(command.Code, result.Start);
        var end = SourcePosition(command.Code, result.End);
        context.Publish(new CompletionsProduced(items, command, new LinePositionSpan(start, end)));
    }

    /// <summary>The completion kinds VS Code shows icons for.</summary>
    private static string CompletionKind(string kind) => kind switch
    {
        "table" or "view" => "Class",
        "column" => "Field",
        "function" => "Method",
        "variable" => "Variable",
        "schema" or "catalog" => "Module",
        _ => "Keyword",
    };

    private static SqlCellOptions Options(SubmitCode command)
    {
        var parameters = command.Parameters ?? new Dictionary<string, string>();
        var limit = parameters.TryGetValue("--limit", out var l) && l is not null ? ParseLimit(l) : (int?)null;
        return new SqlCellOptions
        {
            Name = parameters.TryGetValue("--name", out var name) && !string.IsNullOrWhiteSpace(name) ? name.Trim('"') : null,
            Quiet = parameters.TryGetValue("--quiet", out var quiet) && !string.Equals(quiet, "false", StringComparison.OrdinalIgnoreCase),
            Limit = limit,
            Formats = parameters.TryGetValue("--format", out var formats) && !string.IsNullOrWhiteSpace(formats) ? formats.Trim('"') : null,
            ReadableLabels = parameters.TryGetValue("--labels", out var labels) && !string.Equals(labels, "false", StringComparison.OrdinalIgnoreCase),
            LinesBefore = LinesBefore(command),
        };
    }

    private static int ParseLimit(string text) =>
        int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"--limit takes a number of rows (1 or more), not '{text}'.");

    /// <summary>The cell lines above the SQL (its magic lines), when the command came from a cell holding more.</summary>
    private static int LinesBefore(SubmitCode command)
    {
        if (command.Parent is not SubmitCode { Code: { } whole } || ReferenceEquals(whole, command.Code)) return 0;
        var at = whole.IndexOf(command.Code.TrimEnd(), StringComparison.Ordinal);
        return at <= 0 ? 0 : whole.AsSpan(0, at).Count('\n');
    }

    /// <summary>
    /// Values the SQL names that live in the C# kernel (<c>$country</c>, a list of records read as a table): asked for by name,
    /// as <c>#!share</c> does, just before the cell runs.
    /// </summary>
    private async Task ImportHostValuesAsync(string sql, KernelInvocationContext context)
    {
        _values.ClearImported();
        var wanted = SqlParameters.NamesUsed(sql).Where(n => !_values.IsOwn(n)).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0) return;
        if (!_host.Root.ChildKernels.TryGetByAlias(_host.CSharpKernelName, out var csharp) || ReferenceEquals(csharp, this)) return;
        var infosRequest = new RequestValueInfos(csharp.Name);
        infosRequest.SetParent(context.Command);
        var infos = await csharp.SendAsync(infosRequest, context.CancellationToken).ConfigureAwait(false);
        var present = infos.Events.OfType<ValueInfosProduced>().SelectMany(e => e.ValueInfos).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        // $Country finds country as the engine does: an exact name first, then one that differs only in case.
        foreach (var name in wanted)
        {
            var match = present.Contains(name) ? name : present.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
            if (match is null) continue;
            var request = new RequestValue(match, PlainTextFormatter.MimeType, csharp.Name);
            request.SetParent(context.Command);
            var result = await csharp.SendAsync(request, context.CancellationToken).ConfigureAwait(false);
            if (result.Events.OfType<ValueProduced>().FirstOrDefault() is { } produced)
                _values.Import(match, produced.Value?.GetType() ?? typeof(object), produced.Value);
        }
    }

    /// <summary>A result kept with <c>--name x</c> becomes the C# variable <c>x</c> (a <see cref="Frame"/>), as in the Mallard kernel.</summary>
    private async Task ShareWithCSharpAsync(string name, Frame frame, KernelInvocationContext context)
    {
        if (!_host.Root.ChildKernels.TryGetByAlias(_host.CSharpKernelName, out var csharp) || !csharp.SupportsCommandType(typeof(SendValue))) return;
        var send = new SendValue(name, frame, new FormattedValue(PlainTextFormatter.MimeType, $"Frame {frame.RowCount} × {frame.ColumnCount}"), csharp.Name);
        send.SetParent(context.Command);
        var result = await csharp.SendAsync(send, context.CancellationToken).ConfigureAwait(false);
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            context.Fail(context.Command, message: $"The result was kept in {Name} (#!share --from {Name} {name}), but C# could not take it as '{name}': {failed.Message}");
    }

    /// <summary>A value <c>#!set</c> sent without the object (another process's, or by value): its JSON read as SQL takes it.</summary>
    private static object? FromFormatted(FormattedValue? formatted)
    {
        if (formatted is null) return null;
        if (formatted.MimeType != JsonFormatter.MimeType) return formatted.Value;
        using var document = JsonDocument.Parse(formatted.Value);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.String => root.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.Number when root.TryGetInt64(out var n) => n,
            JsonValueKind.Number => root.GetDecimal(),
            _ => root.Clone(),
        };
    }

    private static string Summary(List<TabularDataResource> tables) =>
        string.Join("; ", tables.Select(t => $"{t.Data.Count()} rows × {t.Schema.Fields.Count} columns"));

    private static int Offset(string code, int line, int character)
    {
        var offset = 0;
        for (var l = 0; l < line && offset < code.Length; l++)
        {
            var next = code.IndexOf('\n', offset);
            if (next < 0) return code.Length;
            offset = next + 1;
        }
        return Math.Min(code.Length, offset + character);
    }

    private static LinePosition SourcePosition(string code, int offset)
    {
        offset = Math.Clamp(offset, 0, code.Length);
        var line = code.AsSpan(0, offset).Count('\n');
        var lineStart = code.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        if (offset == 0) lineStart = 0;
        return new LinePosition(line, offset - lineStart);
    }
}
