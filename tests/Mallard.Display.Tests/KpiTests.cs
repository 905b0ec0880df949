using Mallard.Data;
using Mallard.Display.Kpi;

namespace Mallard.Display.Tests;

public sealed class KpiTests
{
    internal static KpiCards PortfolioSnapshot() => new(
        new KpiCard("Customers", 28),
        new KpiCard("VIPs", 10) { Delta = 0.25, DeltaLabel = "vs last month" },
        new KpiCard("Repeat Buyers", 25) { Delta = -0.04, DeltaLabel = "vs last month" },
        new KpiCard("Lifetime Revenue", 20444.35) { Format = KpiFormat.Currency },
        new KpiCard("Avg Order Value", 243.09) { Format = KpiFormat.Currency },
        new KpiCard("Churn <90d> & [red]", 0.0712) { Format = KpiFormat.Percent, Delta = 0.01, DeltaFormat = KpiFormat.Percent, DownIsGood = true },
        new KpiCard("Events", 1_234_567) { Format = KpiFormat.Compact },
        new KpiCard("Unknown", null));

    [Fact]
    public void A_row_of_cards_renders_as_the_expected_html_and_text()
    {
        var cards = PortfolioSnapshot();
        Expected.Matches(cards.ToHtml(), "kpi_cards.html");
        Expected.Matches(cards.ToText(), "kpi_cards.txt");
    }

    [Theory]
    [InlineData(28.0, KpiFormat.Number, "28")]
    [InlineData(243.09, KpiFormat.Number, "243.09")]
    [InlineData(20444.35, KpiFormat.Currency, "$20,444.35")]
    [InlineData(-5.0, KpiFormat.Currency, "-$5.00")]
    [InlineData(0.123, KpiFormat.Percent, "12.3%")]
    [InlineData(1_234_567.0, KpiFormat.Compact, "1.2M")]
    [InlineData(20444.35, KpiFormat.Compact, "20.4k")]
    [InlineData(999.0, KpiFormat.Compact, "999")]
    public void Values_are_formatted_by_kind(double value, KpiFormat format, string expected) =>
        Assert.Equal(expected, new KpiCard("t", value) { Format = format }.FormattedValue);

    [Fact]
    public void A_fall_is_good_news_when_down_is_good()
    {
        var churn = new KpiCard("Churn", 0.07) { Delta = -0.02, DownIsGood = true };
        Assert.Equal("▼ 2.0%", churn.FormattedDelta);
        Assert.True(churn.DeltaIsGood);
    }

    [Fact]
    public void A_card_reads_the_first_row_of_a_query_result()
    {
        var summary = new Frame(
            PrimitiveColumn<long>.Create("total_customers", [28L]),
            DecimalColumn.Create("lifetime_revenue", DataType.Decimal(18, 2), [20444.35m]));
        Assert.Equal("28", KpiCard.FromFrame(summary, "total_customers", "Customers").FormattedValue);
        Assert.Equal("$20,444.35", KpiCard.FromFrame(summary, "lifetime_revenue", format: KpiFormat.Currency).FormattedValue);
        Assert.Throws<ArgumentException>(() => KpiCard.FromFrame(Frames.SegmentMix(), "customer_segment"));
    }
}
