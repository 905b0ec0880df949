namespace Mallard.Engine;

/// <summary>
/// Files a session writes for the user (<c>#!chart --html PATH</c>): a side effect the host allows, and where.
/// <see cref="LocalFiles"/> writes them to the local disk; a session without any refuses to write.
/// </summary>
public interface ISessionFiles
{
    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> (absolute: the session resolved it against its working directory).</summary>
    void Write(string path, string contents);
}
