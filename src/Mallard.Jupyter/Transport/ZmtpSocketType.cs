namespace Mallard.Jupyter.Transport;

/// <summary>The ZeroMQ socket types the kernel serves, and the peers each accepts.</summary>
internal static class ZmtpSocketType
{
    public const string Router = "ROUTER";
    public const string Pub = "PUB";
    public const string Rep = "REP";

    /// <summary>Whether a peer announcing <paramref name="peerType"/> may talk to a local socket of <paramref name="localType"/> (RFC 37, section "Socket types").</summary>
    public static bool IsCompatible(string localType, string peerType) => localType switch
    {
        Router => peerType is "DEALER" or "REQ" or "ROUTER",
        Pub => peerType is "SUB" or "XSUB",
        Rep => peerType is "REQ" or "DEALER",
        _ => false,
    };
}
