using System.Globalization;
using Mallard.Display;
using Mallard.DuckDb;
using Mallard.Tests.Recomputation;
using Mallard.Warehouse;

namespace Mallard.Analysis.Tests;

/// <summary>
/// The figures the executed notebooks show, against the same figures worked out in C# from the warehouse's bronze
/// tables alone (silver and gold recomputed independently of the warehouse SQL, see tests/Shared/Recomputation),
/// at two scales and seeds.
/// </summary>
[Collection(AnalysisCollection.Name)]
public sealed class RecomputedFigureTests(AnalysisFixture fixture)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static TheoryData<long> Scales => [AnalysisFixture.SampleScale, AnalysisFixture.LargeScale];

    private static Gold Recompute(string warehouse)
    {
        using var database = DuckDbDatabase.Open(warehouse, readOnly: true);
        using var connection = database.Connect();
        var asOf = connection.Query("SELECT as_of FROM gold.gld_build_info").Rows.Single().Get<DateOnly>("as_of");
        return Gold.From(Silver.From(Bronze.Read(connection), asOf), asOf, new WarehouseThresholds());
    }

    private static string Money(decimal amount) => NumberText.Money(amount);

    private static decimal Cents(decimal amount, long count) => Math.Round(amount / count, 2, MidpointRounding.AwayFromZero);

    [Theory]
    [MemberData(nameof(Scales))]
    public void The_customer_reports_kpi_cards_equal_a_recomputation_from_bronze(long scale)
    {
        var run = fixture.RunWithRunner("customer_intelligence", scale);
        var customers = Recompute(run.Warehouse).CustomerAnalytics;
        var revenue = customers.Sum(c => c.LifetimeValue);
        var orders = customers.Sum(c => c.TotalOrders);

        var cards = run.Executed().Text("snapshot-kpis");

        Assert.Contains(customers.Count.ToString("N0", Invariant), cards, StringComparison.Ordinal);
        Assert.Contains(customers.Count(c => c.CustomerSegment == "VIP").ToString("N0", Invariant), cards, StringComparison.Ordinal);
        Assert.Contains(customers.Count(c => c.TotalOrders > 1).ToString("N0", Invariant), cards, StringComparison.Ordinal);
        Assert.Contains(Money(revenue), cards, StringComparison.Ordinal);
        Assert.Contains(Money(Cents(revenue, orders)), cards, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void The_segmentation_packs_cards_and_findings_equal_a_recomputation_from_bronze(long scale)
    {
        var run = fixture.RunWithRunner("segmentation_pack", scale);
        var executed = run.Executed();
        var gold = Recompute(run.Warehouse);
        var customers = gold.CustomerAnalytics;
        var buyers = customers.Where(c => c.TotalOrders > 0).ToList();
        var revenue = customers.Sum(c => c.LifetimeValue);

        // Customer value.
        var value = executed.Text("value-kpis");
        Assert.Contains(Money(revenue), value, StringComparison.Ordinal);
        Assert.Contains(Money(Cents(revenue, customers.Sum(c => c.TotalOrders))), value, StringComparison.Ordinal);
        Assert.Contains(Money(Cents(revenue, customers.Count)), value, StringComparison.Ordinal);
        Assert.Contains(Money(Cents(revenue, buyers.Count)), value, StringComparison.Ordinal);
        var findings = executed.Text("findings", "text/markdown");
        var highTierShare = (double)(customers.Where(c => c.ValueTier == "High").Sum(c => c.LifetimeValue) / revenue);
        Assert.Contains($"brings in {NumberText.Percent(highTierShare)} of revenue", findings, StringComparison.Ordinal);

        // Month-to-month retention over the last twelve complete months: last month's customers who ordered again.
        var asOfMonth = gold.RevenueSummary.Max(m => m.Month);
        var months = gold.RevenueSummary.OrderBy(m => m.Month).ToList();
        var shown = months.Zip(months.Skip(1), (before, month) => (Before: before, Month: month))
            .Where(p => p.Month.Month < asOfMonth && p.Before.Customers > 0)
            .TakeLast(12).ToList();
        var retention = (double)shown.Sum(p => p.Month.RetainedCustomers) / shown.Sum(p => p.Before.Customers);
        Assert.Contains(NumberText.Percent(retention), executed.Text("repeat-kpis"), StringComparison.Ordinal);
        Assert.Contains($"{NumberText.Percent(retention)} ordered again the next month (churn {NumberText.Percent(1 - retention)})", findings, StringComparison.Ordinal);
        var repeat = (double)buyers.Count(c => c.TotalOrders >= 2) / buyers.Count;
        Assert.Contains(NumberText.Percent(repeat), executed.Text("repeat-kpis"), StringComparison.Ordinal);

        // First-order cohorts, one month on.
        var monthOne = gold.CohortRetention.Where(c => c.CohortBasis == "first_order" && c.MonthsSince == 1 && c.ActivityMonth < asOfMonth).ToList();
        var firstOrderRetention = (double)monthOne.Sum(c => c.ActiveCustomers) / monthOne.Sum(c => c.CohortSize);
        Assert.Contains($"only {NumberText.Percent(firstOrderRetention)} completed another in the following month", findings, StringComparison.Ordinal);

        // Risk.
        var risk = gold.CustomerRisk;
        var lateRate = (double)risk.Sum(r => r.LatePayments) / risk.Sum(r => r.TotalPayments - r.PendingPayments);
        var highRisk = risk.Count(r => r.RiskFlag == "High");
        var highRiskShare = NumberText.Percent((double)highRisk / risk.Count);
        var cards = executed.Text("risk-kpis");
        Assert.Contains(NumberText.Percent(lateRate), cards, StringComparison.Ordinal);
        Assert.Contains(highRiskShare, cards, StringComparison.Ordinal);
        Assert.Contains($"{NumberText.Percent(lateRate)} of settled invoices were paid late", findings, StringComparison.Ordinal);
        Assert.Contains($"{highRisk.ToString("N0", Invariant)} customers ({highRiskShare}) raise two or more risk flags", findings, StringComparison.Ordinal);
    }
}
