using System.Data.Common;
using System.Reflection;
using Mallard.Engine.Magics;

namespace Mallard.Engine.Connections;

/// <summary>
/// <c>#!connect ado --provider TYPE "CONNECTION STRING"</c>: any ADO.NET provider whose <see cref="DbProviderFactory"/>
/// type the session can find (loaded with <c>#r</c>). Also the way every ADO.NET-based provider opens its connection
/// (<see cref="Open(string, string, DbProviderFactory, string, string?)"/>).
/// </summary>
public sealed class AdoConnectionProvider : IConnectionProvider
{
    public static AdoConnectionProvider Instance { get; } = new();

    public string Kind => "ado";

    public string TargetHelp => "--provider TYPE \"CONNECTION STRING\"";

    public bool SupportsReadOnly => false;

    public bool TakesProviderType => true;

    public SessionConnection Open(ConnectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var providerType = request.ProviderType
            ?? throw new MagicException("#!connect ado needs --provider TYPE: the DbProviderFactory type, for example \"Npgsql.NpgsqlFactory, Npgsql\" (load its assembly first with #r).");
        var type = Type.GetType(providerType, throwOnError: false)
            ?? request.LoadedAssemblies.Select(a => a.GetType(providerType.Split(',')[0].Trim(), throwOnError: false)).FirstOrDefault(t => t is not null)
            ?? throw new MagicException($"The provider type '{providerType}' was not found. Load its assembly with #r \"path.dll\" and give the full type name.");
        var factory = type.GetField("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as DbProviderFactory
            ?? throw new MagicException($"'{type.FullName}' is not a DbProviderFactory with a public static Instance field.");
        return Open(request.Name, Kind, factory, request.Target, null);
    }

    /// <summary>
    /// Opens a connection of <paramref name="factory"/> as connection <paramref name="name"/> of kind <paramref name="kind"/>.
    /// A connection string the provider refuses becomes a <see cref="ConnectionStringException"/> saying which key and why
    /// (never the text of a password), with <paramref name="example"/> as a hint when given.
    /// </summary>
    public static SessionConnection Open(string name, string kind, DbProviderFactory factory, string connectionString, string? example)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var connection = factory.CreateConnection() ?? throw new MagicException($"The provider {factory.GetType().Name} created no connection.");
        try
        {
            try
            {
                connection.ConnectionString = connectionString;
            }
            catch (ArgumentException e)
            {
                throw new ConnectionStringException(
                    $"The {kind} connection string is not valid: {ConnectionStringProblem(e)}. Give Key=Value pairs separated by ';' with the provider's own keys"
                    + (example is null ? "." : $", for example \"{example}\"."),
                    e);
            }
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new SessionConnection(name, kind, HidePassword(connectionString), false, connection, null);
    }

    /// <summary>What a provider's rejection of a connection string means: it says only "Couldn't set KEY", the cause underneath says why.</summary>
    private static string ConnectionStringProblem(ArgumentException e)
    {
        var cause = e.InnerException;
        // DbConnectionStringBuilder's own "does not conform to specification starting at index N"; the text there is not shown (it may be part of a password).
        if (System.Text.RegularExpressions.Regex.Match(e.Message, @"specification starting at index (\d+)") is { Success: true } format
            && int.TryParse(format.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var index))
            return $"the text from character {index + 1} on is not a Key=Value pair (quote values that contain ';' or '=')";
        if (e.ParamName is not { Length: > 0 } key || cause is null) return e.Message.TrimEnd('.');
        if (cause is KeyNotFoundException || (cause is ArgumentException && cause.Message.Contains("not supported", StringComparison.OrdinalIgnoreCase)))
            return $"'{key}' is not a key the provider knows";
        return $"the value given for '{key}' was refused ({cause.Message.TrimEnd('.')})";
    }

    private static string HidePassword(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
            {
                if (key.Contains("password", StringComparison.OrdinalIgnoreCase) || key.Equals("pwd", StringComparison.OrdinalIgnoreCase)) builder[key] = "***";
            }
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(connection string)";
        }
    }
}
