using Mallard.DuckDb;

namespace Mallard.Warehouse.Tests;

/// <summary>Every gold metric on the hand-made bronze fixture, against values worked out by hand (see <see cref="BronzeFixture"/>).</summary>
public sealed class GoldMetricTests : IDisposable
{
    private readonly DuckDbDatabase _database;
    private readonly DuckDbConnection _connection;

    public GoldMetricTests() => (_database, _connection) = BronzeFixture.Build();

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Silver_merges_duplicate_people_drops_orphans_and_keeps_nothing_after_as_of()
    {
        Assert.Equal(
            ["1|1", "2|2", "3|1", "4|4"],
            Db.Lines(_connection, "SELECT source_customer_id, customer_id FROM silver.stg_customer_records ORDER BY 1"));
        Assert.Equal(["1", "2", "4"], Db.Lines(_connection, "SELECT customer_id FROM silver.stg_customers ORDER BY 1"));
        Assert.Equal(
            ["101|1|completed|web", "102|1|completed|mobile_app", "103|1|cancelled|unknown", "104|2|completed|web", "105|2|returned|marketplace"],
            Db.Lines(_connection, "SELECT order_id, customer_id, status, channel FROM silver.stg_orders ORDER BY 1"));
        Assert.Equal(["Home"], Db.Lines(_connection, "SELECT DISTINCT category FROM silver.stg_products"));
        Assert.Equal(
            ["1|on_time|NULL", "2|late|9", "4|failed|NULL", "5|on_time|NULL"],
            Db.Lines(_connection, "SELECT payment_id, payment_status, days_late FROM silver.stg_payments ORDER BY 1"));
    }

    [Fact]
    public void Customer_analytics_has_identity_demographics_and_purchase_metrics_worked_out_by_hand()
    {
        var rows = Db.Lines(_connection, """
            SELECT customer_id, full_name, email, country_code, country_name, region, city, age, age_band, gender,
                   acquisition_source, signup_date, signup_month, first_order_date, last_order_date,
                   total_orders, total_items, lifetime_value, avg_order_value, days_since_last_order,
                   orders_placed, cancelled_orders, returned_orders
            FROM gold.gld_customer_analytics ORDER BY customer_id
            """);

        Assert.Equal(
        [
            // Alice: orders 101 (45.00, 3 items) and 102 (100.00, 4 items, placed as record 3); 145.00 / 2 = 72.50; 2025-07-01 − 2025-06-21 = 10 days.
            "1|Alice Johnson|alice.johnson@example.com|US|United States|North America|Boston|35|35-44|Female|paid_search|2024-01-10|2024-01-01|2025-05-02|2025-06-21|2|7|145.00|72.50|10|3|1|0",
            // Bob: order 104 once (loaded twice), 3 × 10.00; 167 days since 2025-01-15; his return earns nothing.
            "2|Bob Smith|bob@example.com|ES|Spain|Europe|Madrid|NULL|Unknown|Male|organic|2024-02-01|2024-02-01|2025-01-15|2025-01-15|1|3|30.00|30.00|167|2|0|1",
            // Carol never ordered: zeros, no dates, no average order value.
            "4|Carol Diaz|carol@example.com|ES|Spain|Europe|Seville|25|25-34|Unknown|unknown|2024-05-01|2024-05-01|NULL|NULL|0|0|0.00|NULL|NULL|0|0|0",
        ], rows);
    }

    [Fact]
    public void Customer_analytics_segments_tiers_and_risk_follow_the_default_rules()
    {
        var rows = Db.Lines(_connection, """
            SELECT customer_id, customer_segment, recency_segment, value_percentile, value_tier,
                   late_payment_rate, support_tickets, risk_score, risk_flag
            FROM gold.gld_customer_analytics ORDER BY customer_id
            """);

        Assert.Equal(
        [
            // 2 orders: Regular. 10 days: Active. Highest of three values: rank 1.0, High. Late 1 of 2 settled payments.
            // Three tickets (support flag) averaging 1.5 satisfaction (dissatisfaction flag): risk 2, High.
            "1|Regular|Active|1.0|High|0.5|3|2|High",
            // 1 order: New. 167 days: At Risk, which is also the lapsing flag: risk 1, Medium.
            "2|New|At Risk|0.5|Medium|0.0|1|1|Medium",
            "4|Prospect|Never Ordered|0.0|Low|NULL|0|0|Low",
        ], rows);
    }

    [Fact]
    public void Customer_risk_counts_payments_tickets_and_flags()
    {
        var rows = Db.Lines(_connection, """
            SELECT customer_id, total_payments, late_payments, failed_payments, pending_payments, late_payment_rate, avg_days_late,
                   support_tickets, open_tickets, high_priority_tickets, avg_satisfaction,
                   late_payment_flag, failed_payment_flag, support_flag, dissatisfaction_flag, lapsing_flag, risk_score, risk_flag
            FROM gold.gld_customer_risk ORDER BY customer_id
            """);

        Assert.Equal(
        [
            "1|2|1|0|0|0.5|9.0|3|1|2|1.5|false|false|true|true|false|2|High",
            "2|2|0|1|0|0.0|NULL|1|0|0|5.0|false|false|false|false|true|1|Medium",
            "4|0|0|0|0|NULL|NULL|0|0|0|NULL|false|false|false|false|false|0|Low",
        ], rows);
    }

    [Fact]
    public void Revenue_summary_has_every_month_to_as_of_split_into_new_and_returning()
    {
        var rows = Db.Lines(_connection, """
            SELECT month, orders, customers, new_customers, returning_customers, retained_customers, reactivated_customers,
                   retention_rate, churn_rate, revenue, new_customer_revenue,
                   returning_customer_revenue, avg_order_value, items_sold, cancelled_orders, returned_orders,
                   cumulative_revenue, revenue_growth
            FROM gold.gld_revenue_summary ORDER BY month
            """);

        Assert.Equal(
        [
            "2025-01-01|1|1|1|0|0|0|NULL|NULL|30.00|30.00|0.00|30.00|3|0|0|30.00|NULL",
            // Bob ordered in January and not in February: of January's one customer, none was retained.
            "2025-02-01|0|0|0|0|0|0|0.0|1.0|0.00|0.00|0.00|NULL|0|0|0|30.00|-1.0",
            "2025-03-01|0|0|0|0|0|0|NULL|NULL|0.00|0.00|0.00|NULL|0|0|1|30.00|NULL",
            "2025-04-01|0|0|0|0|0|0|NULL|NULL|0.00|0.00|0.00|NULL|0|0|0|30.00|NULL",
            "2025-05-01|1|1|1|0|0|0|NULL|NULL|100.00|100.00|0.00|100.00|4|0|0|130.00|NULL",
            // Alice ordered in May and June: retained. (45 − 100) / 100 growth.
            "2025-06-01|1|1|0|1|1|0|1.0|0.0|45.00|0.00|45.00|45.00|3|1|0|175.00|-0.55",
            "2025-07-01|0|0|0|0|0|0|0.0|1.0|0.00|0.00|0.00|NULL|0|0|0|175.00|-1.0",
        ], rows);
    }

    [Fact]
    public void Cohort_retention_counts_active_customers_per_month_since_signup_and_first_order()
    {
        var active = Db.Lines(_connection, """
            SELECT cohort_basis, cohort_month, months_since, activity_month, cohort_size, active_customers, retention_rate
            FROM gold.gld_cohort_retention WHERE active_customers > 0 ORDER BY ALL
            """);

        Assert.Equal(
        [
            "first_order|2025-01-01|0|2025-01-01|1|1|1.0",
            "first_order|2025-05-01|0|2025-05-01|1|1|1.0",
            "first_order|2025-05-01|1|2025-06-01|1|1|1.0",
            "signup|2024-01-01|16|2025-05-01|1|1|1.0",
            "signup|2024-01-01|17|2025-06-01|1|1|1.0",
            "signup|2024-02-01|11|2025-01-01|1|1|1.0",
        ], active);
        // Every cohort runs to the as_of month: first-order cohorts 7 + 3 months, signup cohorts 19 + 18 + 15.
        Assert.Equal(62, Db.Long(_connection, "SELECT count(*) FROM gold.gld_cohort_retention"));
        Assert.Equal(0, Db.Long(_connection, "SELECT count(*) FROM gold.gld_cohort_retention WHERE active_customers = 0 AND retention_rate <> 0"));
    }

    [Fact]
    public void Build_info_records_the_parameters_and_no_seed_for_a_supplied_bronze()
    {
        Assert.Equal(
            ["2025-07-01|NULL|NULL|10|5000.00|30|90|180"],
            Db.Lines(_connection, "SELECT as_of, scale, seed, vip_min_orders, vip_min_spent, recency_active_days, recency_cooling_days, recency_at_risk_days FROM gold.gld_build_info"));
    }

    [Fact]
    public void Every_check_passes_on_the_fixture()
    {
        var report = WarehouseChecks.Run(_connection);

        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Thresholds_are_build_parameters()
    {
        var thresholds = new WarehouseThresholds
        {
            VipMinOrders = 2, VipMinSpent = 145m, LoyalMinOrders = 1, LoyalMinSpent = 30m,
            RecencyActiveDays = 5, RecencyCoolingDays = 10, RecencyAtRiskDays = 100,
        };
        var (database, connection) = BronzeFixture.Build(thresholds);
        using (database)
        using (connection)
        {
            Assert.Equal(
                ["1|VIP|Cooling|High", "2|Loyal|Dormant|Low", "4|Prospect|Never Ordered|Low"],
                Db.Lines(connection, "SELECT customer_id, customer_segment, recency_segment, risk_flag FROM gold.gld_customer_analytics ORDER BY 1"));
        }
    }

    [Fact]
    public void As_of_cuts_off_later_facts_and_moves_recency()
    {
        using var database = DuckDbDatabase.OpenInMemory();
        using var connection = database.Connect();
        WarehouseBuilder.BuildInto(connection, BronzeFixture.Options() with { AsOf = new DateOnly(2025, 6, 1) });

        // Only order 102 (and the cancelled 103) had happened; its payment, paid on 2025-06-10, was not yet due.
        Assert.Equal(
            ["1|1|100.00|30|Active|0|1|0|NULL"],
            Db.Lines(connection, """
                SELECT a.customer_id, a.total_orders, a.lifetime_value, a.days_since_last_order, a.recency_segment, a.support_tickets,
                       r.pending_payments, r.late_payments, r.late_payment_rate
                FROM gold.gld_customer_analytics a JOIN gold.gld_customer_risk r USING (customer_id) WHERE customer_id = 1
                """));
        Assert.Equal("2025-06-01", Db.Lines(connection, "SELECT max(month) FROM gold.gld_revenue_summary")[0]);
    }
}
