using System.Security.Cryptography;
using System.Text;

namespace Mallard.Display.Internal;

/// <summary>Element ids derived from content, so the same input always gives the same markup.</summary>
internal static class ContentId
{
    public static string For(string prefix, string content)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(content));
        return prefix + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
