using System.Text;

namespace Mallard.Engine;

/// <summary>Writes a session's files to the local disk as UTF-8, creating their folders.</summary>
public sealed class LocalFiles : ISessionFiles
{
    public static LocalFiles Instance { get; } = new();

    public void Write(string path, string contents)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, contents, new UTF8Encoding(false));
    }
}
