using System.Globalization;

namespace Mallard.Display;

/// <summary>
/// Numbers written for people: percentages, money and fixed decimals, rounded once, half away from zero, and
/// independent of the current culture. KPI cards write their values through these, so a sentence built with
/// them shows the same figure as the card beside it. Give them the exact value, never one rounded already:
/// 45 / 2003 is 2.2%, while 0.0225 (the share rounded to four places first) would become 2.3%.
/// </summary>
public static class NumberText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A fraction as a percentage: 0.12345 with one decimal is <c>12.3%</c>.</summary>
    public static string Percent(double fraction, int decimals = 1) =>
        Exact(fraction) is { } exact && Math.Abs(exact) < 7.9e25m ? Percent(exact, decimals) : Fixed(fraction * 100, decimals) + "%";

    /// <summary>A fraction as a percentage, rounded once from the exact decimal value.</summary>
    public static string Percent(decimal fraction, int decimals = 1) => Fixed(fraction * 100, decimals) + "%";

    /// <summary>An amount of money with thousands separators: <c>$1,234.57</c>, <c>-$0.50</c>.</summary>
    public static string Money(decimal amount, int decimals = 2, string symbol = "$")
    {
        var text = Fixed(Math.Abs(amount), decimals);
        return (amount < 0 && text.Any(c => c is >= '1' and <= '9') ? "-" : "") + symbol + text;
    }

    /// <summary>An amount of money given as a double (a KPI card's value), read as the decimal it stands for.</summary>
    public static string Money(double amount, int decimals = 2, string symbol = "$") =>
        Exact(amount) is { } exact ? Money(exact, decimals, symbol)
        : double.IsFinite(amount) ? (amount < 0 ? "-" : "") + symbol + Math.Abs(amount).ToString("N" + CheckDecimals(decimals).ToString(Invariant), Invariant)
        : amount.ToString(Invariant);

    /// <summary>A number to <paramref name="decimals"/> places with thousands separators: <c>1,234.5</c>.</summary>
    public static string Fixed(decimal value, int decimals) =>
        Math.Round(value, CheckDecimals(decimals), MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(Invariant), Invariant);

    /// <summary>
    /// A double to <paramref name="decimals"/> places with thousands separators. The double is read as the decimal
    /// it stands for (its shortest round-trip text), so 2.675, stored as 2.67499999…, rounds to 2.68 as written.
    /// </summary>
    public static string Fixed(double value, int decimals)
    {
        CheckDecimals(decimals);
        return Exact(value) is { } exact ? Fixed(exact, decimals) : value.ToString(double.IsFinite(value) ? "N" + decimals.ToString(Invariant) : null, Invariant);
    }

    /// <summary>A short number: <c>20.4k</c>, <c>1.2M</c>, <c>3.4B</c>, <c>1.5T</c>; below a thousand as it is (whole numbers without decimals).</summary>
    public static string Compact(double value, int decimals = 1)
    {
        CheckDecimals(decimals);
        if (!double.IsFinite(value)) return value.ToString(Invariant);
        var magnitude = Math.Abs(value);
        var (scaled, suffix) = magnitude switch
        {
            >= 1e12 => (magnitude / 1e12, "T"),
            >= 1e9 => (magnitude / 1e9, "B"),
            >= 1e6 => (magnitude / 1e6, "M"),
            >= 1e3 => (magnitude / 1e3, "k"),
            _ => (magnitude, ""),
        };
        var places = suffix.Length == 0 && magnitude == Math.Floor(magnitude) ? 0 : decimals;
        var text = Round(scaled, places).ToString("#,##0." + new string('#', places), Invariant).TrimEnd('.') + suffix;
        return (value < 0 && text.Any(c => c is >= '1' and <= '9') ? "-" : "") + text;
    }

    /// <summary>Rounds once, half away from zero, reading the double as the decimal it stands for.</summary>
    public static double Round(double value, int decimals)
    {
        CheckDecimals(decimals);
        return Exact(value) is { } exact ? (double)Math.Round(exact, decimals, MidpointRounding.AwayFromZero) : value;
    }

    /// <summary>The decimal a double stands for (its shortest round-trip text); null when it has none (infinite, NaN, huge).</summary>
    private static decimal? Exact(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 7.9e27
        && decimal.TryParse(value.ToString("R", Invariant), NumberStyles.Float, Invariant, out var exact) ? exact : null;

    private static int CheckDecimals(int decimals) =>
        decimals is >= 0 and <= 15 ? decimals : throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "Give 0 to 15 decimals.");
}
