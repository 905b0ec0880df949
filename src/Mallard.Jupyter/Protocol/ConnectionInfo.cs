using System.Net;
using System.Text.Json;

namespace Mallard.Jupyter.Protocol;

/// <summary>A Jupyter connection file: where to bind the five channels, and the signing key.</summary>
public sealed record ConnectionInfo
{
    public string Transport { get; init; } = "tcp";

    public string Ip { get; init; } = "127.0.0.1";

    public int ShellPort { get; init; }

    public int IopubPort { get; init; }

    public int StdinPort { get; init; }

    public int ControlPort { get; init; }

    public int HbPort { get; init; }

    /// <summary>The HMAC key as written in the file; its UTF-8 bytes are the key (it is not hex-decoded).</summary>
    public string Key { get; init; } = "";

    public string SignatureScheme { get; init; } = "hmac-sha256";

    public string? KernelName { get; init; }

    /// <summary>The IP address to bind.</summary>
    public IPAddress Address => Ip is "*" or "0.0.0.0" ? IPAddress.Any
        : Ip is "localhost" ? IPAddress.Loopback
        : IPAddress.Parse(Ip);

    /// <summary>Reads and checks a connection file; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static ConnectionInfo Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"Cannot read the connection file {path}: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses connection-file JSON.</summary>
    public static ConnectionInfo Parse(string json, string source = "the connection file")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"{source} must hold a JSON object.");
            var info = new ConnectionInfo
            {
                Transport = String(root, "transport") ?? "tcp",
                Ip = String(root, "ip") ?? "127.0.0.1",
                ShellPort = Port(root, "shell_port", source),
                IopubPort = Port(root, "iopub_port", source),
                StdinPort = Port(root, "stdin_port", source),
                ControlPort = Port(root, "control_port", source),
                HbPort = Port(root, "hb_port", source),
                Key = String(root, "key") ?? "",
                SignatureScheme = String(root, "signature_scheme") ?? "hmac-sha256",
                KernelName = String(root, "kernel_name"),
            };
            if (info.Transport != "tcp")
                throw new FormatException($"{source} asks for transport '{info.Transport}'; only tcp is supported.");
            if (info.Key.Length > 0 && info.SignatureScheme != "hmac-sha256")
                throw new FormatException($"{source} asks for signature scheme '{info.SignatureScheme}'; only hmac-sha256 is supported.");
            if (info.Ip is not ("*" or "localhost") && !IPAddress.TryParse(info.Ip, out _))
                throw new FormatException($"{source} has ip '{info.Ip}', which is not an IP address.");
            return info;
        }
    }

    private static string? String(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Port(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var port) || port is < 0 or > 65535)
            throw new FormatException($"{source} needs {name} as a port number from 0 to 65535.");
        return port;
    }
}
