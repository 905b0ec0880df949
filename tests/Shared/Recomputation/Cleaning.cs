using System.Text.RegularExpressions;

namespace Mallard.Tests.Recomputation;

/// <summary>
/// The silver layer's cleaning rules for single values, written for the recomputation from their definitions:
/// trimming removes whitespace from both ends, whitespace runs inside become one space, and text is upper- and
/// lower-cased without regard to culture. (Whitespace is every kind .NET knows. The warehouse's DuckDB <c>trim</c>
/// removes space characters only, so a value with a tab at an end would come out differently there.)
/// </summary>
internal static partial class Cleaning
{
    private static readonly HashSet<string> AcquisitionSources = new(StringComparer.Ordinal)
    {
        "organic", "referral", "paid_search", "social_media", "email", "affiliate",
    };

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRun();

    /// <summary>Something, an at sign, something, a dot, something; none of it whitespace or another at sign.</summary>
    [GeneratedRegex("\\A[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    /// <summary>The value without whitespace at either end.</summary>
    public static string? Trim(string? value) => value?.Trim();

    /// <summary>A name or city: trimmed, whitespace runs collapsed to one space, and NULL when nothing is left.</summary>
    public static string? Text(string? value)
    {
        var trimmed = Trim(value);
        if (trimmed is null) return null;
        var collapsed = WhitespaceRun().Replace(trimmed, " ");
        return collapsed.Length == 0 ? null : collapsed;
    }

    /// <summary>The address trimmed and lower-cased when it has the shape of an email address; otherwise NULL.</summary>
    public static string? Email(string? value)
    {
        var email = Lower(Trim(value));
        return email is not null && EmailShape().IsMatch(email) ? email : null;
    }

    public static string Gender(string? value) => Lower(Trim(value)) switch
    {
        "f" or "female" => "Female",
        "m" or "male" => "Male",
        "x" or "non-binary" or "nonbinary" => "Non-binary",
        _ => "Unknown",
    };

    /// <summary>One of the known acquisition sources (spaces and hyphens read as underscores, any case), else unknown.</summary>
    public static string AcquisitionSource(string? value)
    {
        var source = Lower(Trim(value))?.Replace(' ', '_').Replace('-', '_');
        return source is not null && AcquisitionSources.Contains(source) ? source : "unknown";
    }

    /// <summary>How a country's spelling is matched: trimmed, without dots, upper-cased.</summary>
    public static string CountryKey(string value) => Upper(Trim(value)!.Replace(".", "", StringComparison.Ordinal));

    /// <summary>An order status: completed, cancelled or returned, whatever the case and spelling; others lower-cased as they are.</summary>
    public static string? OrderStatus(string? value) => Lower(Trim(value)) switch
    {
        "completed" or "complete" => "completed",
        "cancelled" or "canceled" => "cancelled",
        var other => other,
    };

    /// <summary>A payment's status as the source gives it: lower-cased, spaces as underscores.</summary>
    public static string? SourcePaymentStatus(string? value) => Lower(Trim(value))?.Replace(' ', '_');

    /// <summary>A ticket's priority, lower-cased; unknown when missing.</summary>
    public static string Priority(string? value) => Lower(Trim(value)) is { Length: > 0 } priority ? priority : "unknown";

    private static string? Lower(string? value) => value?.ToLowerInvariant();

    private static string Upper(string value) => value.ToUpperInvariant();
}
