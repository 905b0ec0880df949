namespace Mallard.Jupyter.Transport;

/// <summary>A ZMTP command frame: its name and the bytes after the name.</summary>
internal readonly record struct ZmtpCommand(string Name, byte[] Data);
