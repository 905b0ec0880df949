using Mallard.Data;
using Mallard.Display.Kpi;
using Mallard.Display.Tables;

namespace Mallard.Display.Tests;

/// <summary>Numbers written for people round once, half away from zero, and a sentence shows what the card beside it shows.</summary>
public sealed class NumberTextTests
{
    [Theory]
    [InlineData(45.0 / 2003, 1, "2.2%")] // the exact share: 2.2466%
    [InlineData(0.0225, 1, "2.3%")] // a share rounded to four places first is another figure
    [InlineData(0.0125, 1, "1.3%")]
    [InlineData(-0.0125, 1, "-1.3%")]
    [InlineData(0.5, 0, "50%")]
    [InlineData(0.88125, 2, "88.13%")]
    public void A_share_is_a_percentage_rounded_once_half_away_from_zero(double share, int decimals, string expected) =>
        Assert.Equal(expected, NumberText.Percent(share, decimals));

    [Theory]
    [InlineData("2.675", "$2.68")]
    [InlineData("68.975", "$68.98")]
    [InlineData("-68.975", "-$68.98")]
    [InlineData("-0.004", "$0.00")]
    [InlineData("1234567.5", "$1,234,567.50")]
    public void Money_has_two_decimals_rounded_half_away_from_zero(string amount, string expected)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, NumberText.Money(value));
        Assert.Equal(expected, NumberText.Money((double)value));
    }

    [Fact]
    public void A_kpi_card_and_a_sentence_built_from_the_same_value_show_the_same_figure()
    {
        foreach (var share in new[] { 45.0 / 2003, 0.0225, 0.0125, 0.99951 })
        {
            var card = new KpiCard("Share", share) { Format = KpiFormat.Percent };
            Assert.Equal(NumberText.Percent(share), card.FormattedValue);
        }
        var money = new KpiCard("AOV", 68.975) { Format = KpiFormat.Currency };
        Assert.Equal("$68.98", money.FormattedValue);
        Assert.Equal(NumberText.Money(68.975), money.FormattedValue);
    }

    [Fact]
    public void A_double_column_shows_one_number_of_decimals_in_every_row()
    {
        var frame = new Frame(
            PrimitiveColumn<double>.Create("retention", [1.0112, 0.8813, 1.0, 0.95]),
            PrimitiveColumn<double>.Create("weight", [1383.2, 12.345, 7.0, 0.0]),
            PrimitiveColumn<double>.Create("count", [3.0, 4.0, 5.0, 6.0]));

        var lines = TextTable.Render(frame).Split('\n');

        Assert.Equal(["1.0112", "0.8813", "1.0000", "0.9500"], lines[3..7].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
        Assert.Equal(["1,383.20", "12.35", "7.00", "0.00"], lines[3..7].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.Equal(["3", "4", "5", "6"], lines[3..7].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]));
        var html = HtmlTable.Render(frame);
        Assert.Contains(">1.0112</td>", html, StringComparison.Ordinal);
        Assert.Contains(">0.8813</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">1.01</td>", html, StringComparison.Ordinal);
    }
}
