using System.Text;

namespace Mallard.Display.Internal;

/// <summary>HTML escaping: every piece of data passes through here before it reaches markup.</summary>
internal static class Html
{
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        Append(sb, text);
        return sb.ToString();
    }

    /// <summary>Appends text escaped for element content and double-quoted attribute values.</summary>
    public static StringBuilder Append(StringBuilder sb, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb;
    }
}
