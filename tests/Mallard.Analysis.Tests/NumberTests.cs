using System.Globalization;
using Mallard.Data;

namespace Mallard.Analysis.Tests;

/// <summary>The numbers the executed notebooks show are those an independent query of the gold tables gives.</summary>
[Collection(AnalysisCollection.Name)]
public sealed class NumberTests(AnalysisFixture fixture)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static TheoryData<long> Scales => [AnalysisFixture.SampleScale, AnalysisFixture.LargeScale];

    [Theory]
    [MemberData(nameof(Scales))]
    public void The_portfolio_KPI_cards_show_the_gold_totals(long scale)
    {
        var run = fixture.RunWithRunner("customer_intelligence", scale);
        var cards = run.Executed().Text("snapshot-kpis");
        var w = run.Warehouse;
        var customers = Convert.ToInt64(AnalysisFixture.Scalar(w, "SELECT count(*) FROM gold.gld_customer_analytics"), Invariant);
        var vips = Convert.ToInt64(AnalysisFixture.Scalar(w, "SELECT count(*) FROM gold.gld_customer_analytics WHERE customer_segment = 'VIP'"), Invariant);
        var repeat = Convert.ToInt64(AnalysisFixture.Scalar(w, "SELECT count(*) FROM gold.gld_customer_analytics WHERE total_orders > 1"), Invariant);
        var revenue = Convert.ToDecimal(AnalysisFixture.Scalar(w, "SELECT sum(lifetime_value) FROM gold.gld_customer_analytics"), Invariant);
        Assert.Equal(scale, customers, tolerance: scale / 2); // the warehouse is of the scale asked for (people merge, so not exactly)
        Assert.Contains(customers.ToString("N0", Invariant), cards, StringComparison.Ordinal);
        Assert.Contains(vips.ToString("N0", Invariant), cards, StringComparison.Ordinal);
        Assert.Contains(repeat.ToString("N0", Invariant), cards, StringComparison.Ordinal);
        Assert.Contains("$" + revenue.ToString("N2", Invariant), cards, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segments_revenue_in_the_table_is_its_gold_revenue()
    {
        var run = fixture.RunWithRunner("customer_intelligence", AnalysisFixture.SampleScale);
        var table = run.Executed().Text("segment-sql");
        foreach (var segment in new[] { "VIP", "Regular" })
        {
            var revenue = Convert.ToDecimal(AnalysisFixture.Scalar(run.Warehouse,
                "SELECT sum(lifetime_value) FROM gold.gld_customer_analytics WHERE customer_segment = $s",
                new Dictionary<string, object?> { ["s"] = segment }), Invariant);
            var line = table.Split('\n').Single(l => l.StartsWith(segment + " ", StringComparison.Ordinal));
            Assert.Contains(revenue.ToString("N2", Invariant), line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_cohorts_size_in_the_segmentation_pack_is_its_gold_size()
    {
        var run = fixture.RunWithRunner("segmentation_pack", AnalysisFixture.SampleScale);
        var executed = run.Executed();
        using var database = Mallard.DuckDb.DuckDbDatabase.Open(run.Warehouse, readOnly: true);
        using var connection = database.Connect();
        var cohorts = connection.Query(
            "SELECT strftime(cohort_month, '%Y-%m') AS cohort, cohort_size FROM gold.gld_cohort_retention " +
            "WHERE cohort_basis = 'signup' AND months_since = 0 AND cohort_month < (SELECT date_trunc('month', as_of) FROM gold.gld_build_info) " +
            "ORDER BY cohort_month DESC LIMIT 3");
        var table = executed.Text("cohort-sizes");
        Assert.Equal(3, cohorts.RowCount);
        foreach (var row in cohorts.Rows)
        {
            var line = table.Split('\n').Single(l => l.StartsWith(row.Get<string>("cohort") + " ", StringComparison.Ordinal));
            Assert.Contains(" " + row.Get<long>("cohort_size").ToString("N0", Invariant) + " ", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_findings_are_written_from_the_gold_tables()
    {
        var run = fixture.RunWithRunner("segmentation_pack", AnalysisFixture.SampleScale);
        var findings = run.Executed().Text("findings", "text/markdown");
        var w = run.Warehouse;
        var highShare = Convert.ToDouble(AnalysisFixture.Scalar(w,
            "SELECT sum(lifetime_value) FILTER (WHERE value_tier = 'High') / sum(lifetime_value) FROM gold.gld_customer_analytics"), Invariant);
        var topRegion = (string)AnalysisFixture.Scalar(w, "SELECT region FROM gold.gld_customer_analytics GROUP BY region ORDER BY sum(lifetime_value) DESC LIMIT 1")!;
        var highRisk = Convert.ToInt64(AnalysisFixture.Scalar(w, "SELECT count(*) FROM gold.gld_customer_risk WHERE risk_flag = 'High'"), Invariant);
        Assert.Contains($"brings in {(highShare * 100).ToString("0.0", Invariant)}% of revenue", findings, StringComparison.Ordinal);
        Assert.Contains($"**Region:** {topRegion} generates the most revenue", findings, StringComparison.Ordinal);
        Assert.Contains($"{highRisk.ToString("N0", Invariant)} customers (", findings, StringComparison.Ordinal);
        Assert.Contains("Answer to the executive question", findings, StringComparison.Ordinal);
    }

    [Fact]
    public void The_country_parameter_narrows_the_totals_to_that_country()
    {
        var all = fixture.RunWithRunner("customer_intelligence", AnalysisFixture.SampleScale);
        var germany = fixture.RunWithRunner("customer_intelligence", AnalysisFixture.SampleScale, "country=de");
        var executed = germany.Executed();
        Assert.Empty(executed.Errors);
        var cards = executed.Text("snapshot-kpis");
        var allCards = all.Executed().Text("snapshot-kpis");
        var customers = Convert.ToInt64(AnalysisFixture.Scalar(germany.Warehouse, "SELECT count(*) FROM gold.gld_customer_analytics WHERE country_code = 'DE'"), Invariant);
        var revenue = Convert.ToDecimal(AnalysisFixture.Scalar(germany.Warehouse, "SELECT sum(lifetime_value) FROM gold.gld_customer_analytics WHERE country_code = 'DE'"), Invariant);
        var total = Convert.ToInt64(AnalysisFixture.Scalar(germany.Warehouse, "SELECT count(*) FROM gold.gld_customer_analytics"), Invariant);
        Assert.True(customers > 0 && customers < total);
        Assert.Contains(customers.ToString("N0", Invariant), cards, StringComparison.Ordinal);
        Assert.Contains("$" + revenue.ToString("N2", Invariant), cards, StringComparison.Ordinal);
        Assert.DoesNotContain(total.ToString("N0", Invariant), cards, StringComparison.Ordinal);
        Assert.NotEqual(allCards, cards);
        Assert.Contains("Scope: DE", executed.Text("scope-check"), StringComparison.Ordinal);
        // The geographic section has one market left.
        Assert.Single(executed.Text("geo-sql").Split('\n'), l => l.StartsWith("DE ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_country_stops_the_run_with_an_error_naming_it()
    {
        var run = fixture.RunWithRunner("customer_intelligence", AnalysisFixture.SampleScale, "country=XX");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No customer has the country code 'XX'", run.Log, StringComparison.Ordinal);
    }
}
