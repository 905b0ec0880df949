using System.Globalization;
using Npgsql;

namespace Mallard.Connectors.Postgres;

/// <summary>
/// A PostgreSQL connection string as people write it: a <c>postgres://</c> or <c>postgresql://</c> URL (libpq's form:
/// <c>postgres://user:password@host:port/database?sslmode=require</c>) or Npgsql's <c>Key=Value;...</c> keywords. Both become
/// Npgsql's keywords.
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>The URL's query parameters accepted, by libpq's name, with Npgsql's keyword for each.</summary>
    private static readonly Dictionary<string, string> QueryKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
    };

    /// <summary>
    /// Npgsql's keyword form of <paramref name="text"/>: a URL converted, anything else returned as it is (Npgsql then checks
    /// its keys). A URL that cannot be read is an <see cref="ArgumentException"/> saying what is wrong, never showing the
    /// password.
    /// </summary>
    public static string ToNpgsql(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!IsUrl(trimmed)) return text;
        // Uri reads a host list ("h1:5432,h2:5433") or an empty host badly, so the authority is split here.
        var rest = trimmed[(trimmed.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart >= 0 ? rest[(queryStart + 1)..] : "";
        if (queryStart >= 0) rest = rest[..queryStart];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? Decode(rest[(slash + 1)..]) : "";
        var at = authority.LastIndexOf('@');
        var userInfo = at >= 0 ? authority[..at] : null;
        var hosts = at >= 0 ? authority[(at + 1)..] : authority;

        var builder = new NpgsqlConnectionStringBuilder();
        if (userInfo is not null)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Decode(colon >= 0 ? userInfo[..colon] : userInfo);
            if (colon >= 0) builder.Password = Decode(userInfo[(colon + 1)..]);
        }
        if (hosts.Length > 0) SetHosts(builder, hosts);
        if (database.Length > 0) builder.Database = database;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals >= 0 ? pair[..equals] : pair);
            var value = equals >= 0 ? Decode(pair[(equals + 1)..]) : "";
            if (!QueryKeywords.TryGetValue(name, out var keyword))
            {
                throw new ArgumentException(
                    $"The PostgreSQL URL has the parameter '{name}', which is not one Mallard reads; accepted: {string.Join(", ", QueryKeywords.Keys)} " +
                    "(or give Npgsql's Key=Value form instead of a URL).");
            }
            try
            {
                if (keyword == "Host") SetHosts(builder, value);
                else builder[keyword] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new ArgumentException($"The PostgreSQL URL's parameter '{name}' has a value Npgsql refuses ({e.Message.TrimEnd('.')}).", e);
            }
        }
        if (string.IsNullOrEmpty(builder.Host))
            throw new ArgumentException("The PostgreSQL URL names no host: write postgres://user:password@host:port/database.");
        return builder.ConnectionString;
    }

    /// <summary>Whether <paramref name="text"/> is a URL (postgres:// or postgresql://) rather than keywords.</summary>
    public static bool IsUrl(string text) =>
        text.TrimStart().StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || text.TrimStart().StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The host (or comma-separated hosts, each with an optional :port) into Npgsql's Host and Port.</summary>
    private static void SetHosts(NpgsqlConnectionStringBuilder builder, string hosts)
    {
        var parts = hosts.Split(',').Select(h => Decode(h.Trim())).ToList();
        if (parts.Any(p => p.Length == 0)) throw new ArgumentException("The PostgreSQL URL has an empty host in its host list.");
        if (parts.Count == 1 && !parts[0].StartsWith('[') && parts[0].LastIndexOf(':') is var colon and > 0)
        {
            var port = parts[0][(colon + 1)..];
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
                throw new ArgumentException($"The PostgreSQL URL's port '{port}' is not a port number (1 to 65535).");
            builder.Host = parts[0][..colon];
            builder.Port = number;
            return;
        }
        // Several hosts (or an IPv6 address in brackets): Npgsql reads each "host:port" itself.
        builder.Host = string.Join(',', parts);
    }

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException e)
        {
            throw new ArgumentException("The PostgreSQL URL has a badly escaped character (a '%' not followed by two hex digits).", e);
        }
    }
}
