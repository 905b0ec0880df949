using System.Text.Json;

namespace Mallard.DuckDb;

/// <summary>Turns DuckDB's error reports into exceptions: one place, DuckDB's own words kept.</summary>
internal static class ErrorMapper
{
    /// <summary>
    /// Maps an error message. Connections ask DuckDB for errors as JSON (<c>errors_as_json</c>), which
    /// carries the error class and position separately; plain text is handled too.
    /// </summary>
    public static Exception FromMessage(string raw, DuckDbErrorType type, string? sql)
    {
        var (message, position, parsedType) = Parse(raw);
        if (parsedType is { } t && type == DuckDbErrorType.Invalid) type = t;
        if (type == DuckDbErrorType.Interrupt || message.StartsWith("INTERRUPT Error", StringComparison.Ordinal))
            return new OperationCanceledException("The query was interrupted.", new DuckDbException(message, DuckDbErrorType.Interrupt, position, sql));
        if (position is { } bytes && sql is not null)
        {
            // DuckDB reports a UTF-8 byte offset into the whole text; .NET strings count UTF-16 units.
            position = CharOffset(sql, bytes);
            message += Environment.NewLine + Environment.NewLine + Context(sql, position.Value);
        }
        return new DuckDbException(message, type, position, sql);
    }

    /// <summary>Parses DuckDB's JSON error form into "Type Error: message", the position, and the error class.</summary>
    internal static (string Message, int? Position, DuckDbErrorType? Type) Parse(string raw)
    {
        // Some paths prefix the JSON with the error class ("Parser Error: {...}").
        var start = raw.IndexOf('{', StringComparison.Ordinal);
        if (start < 0 || !raw.EndsWith('}')) return (raw, null, null);
        try
        {
            using var json = JsonDocument.Parse(raw.AsMemory(start));
            var root = json.RootElement;
            var kind = root.TryGetProperty("exception_type", out var k) ? k.GetString() ?? "" : "";
            var text = root.TryGetProperty("exception_message", out var m) ? m.GetString() ?? "" : raw;
            int? position = root.TryGetProperty("position", out var p) && int.TryParse(p.GetString(), out var at) ? at : null;
            DuckDbErrorType? type = Enum.TryParse<DuckDbErrorType>(kind.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) ? parsed : null;
            var label = kind.Length == 0 ? "" : (kind.Equals("INTERRUPT", StringComparison.OrdinalIgnoreCase) ? "INTERRUPT" : kind) + " Error: ";
            return (label + text, position, type);
        }
        catch (JsonException)
        {
            return (raw, null, null);
        }
    }

    internal static int CharOffset(string sql, int byteOffset)
    {
        var bytes = 0;
        for (var i = 0; i < sql.Length; i++)
        {
            if (bytes >= byteOffset) return i;
            var c = sql[i];
            if (char.IsHighSurrogate(c) && i + 1 < sql.Length)
            {
                bytes += 4;
                i++;
            }
            else bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return sql.Length;
    }

    /// <summary>The line of <paramref name="sql"/> holding <paramref name="position"/>, with a caret under it (DuckDB's own layout).</summary>
    internal static string Context(string sql, int position)
    {
        position = Math.Clamp(position, 0, sql.Length);
        var lineStart = sql.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
        if (position == 0) lineStart = 0;
        var lineEnd = sql.IndexOf('\n', position);
        if (lineEnd < 0) lineEnd = sql.Length;
        var lineNumber = 1;
        for (var i = 0; i < lineStart; i++) if (sql[i] == '\n') lineNumber++;
        var prefix = $"LINE {lineNumber}: ";
        var line = sql[lineStart..lineEnd].TrimEnd('\r');
        return prefix + line + Environment.NewLine + new string(' ', prefix.Length + (position - lineStart)) + "^";
    }
}
