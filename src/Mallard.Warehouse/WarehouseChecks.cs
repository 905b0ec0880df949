using Mallard.Data;
using Mallard.DuckDb;

namespace Mallard.Warehouse;

/// <summary>The warehouse's quality checks, and running them against a database.</summary>
public static class WarehouseChecks
{
    private const string Customers = "silver.stg_customers";
    private const string Orders = "silver.stg_orders";
    private const string Items = "silver.stg_order_items";
    private const string Payments = "silver.stg_payments";
    private const string Tickets = "silver.stg_support_tickets";
    private const string Products = "silver.stg_products";
    private const string Enriched = "silver.int_customers_enriched";
    private const string OrdersEnriched = "silver.int_orders_enriched";
    private const string Analytics = "gold.gld_customer_analytics";
    private const string Risk = "gold.gld_customer_risk";
    private const string Revenue = "gold.gld_revenue_summary";
    private const string Cohorts = "gold.gld_cohort_retention";

    public static IReadOnlyList<string> CustomerSegments { get; } = ["VIP", "Loyal", "Regular", "New", "Prospect"];

    public static IReadOnlyList<string> RecencySegments { get; } = ["Active", "Cooling", "At Risk", "Dormant", "Never Ordered"];

    public static IReadOnlyList<string> ValueTiers { get; } = ["High", "Medium", "Low"];

    public static IReadOnlyList<string> RiskFlags { get; } = ["High", "Medium", "Low"];

    public static IReadOnlyList<string> AcquisitionSources { get; } =
        ["organic", "referral", "paid_search", "social_media", "email", "affiliate", "unknown"];

    public static IReadOnlyList<string> AgeBands { get; } = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+", "Unknown"];

    public static IReadOnlyList<string> Genders { get; } = ["Female", "Male", "Non-binary", "Unknown"];

    public static IReadOnlyList<string> Regions { get; } =
        ["North America", "Latin America", "Europe", "Asia Pacific", "Middle East & Africa", "Unknown"];

    public static IReadOnlyList<string> OrderStatuses { get; } = ["completed", "cancelled", "returned"];

    public static IReadOnlyList<string> PaymentStatuses { get; } = ["on_time", "late", "failed", "pending"];

    public static IReadOnlyList<string> CohortBases { get; } = ["signup", "first_order"];

    /// <summary>Every check a build must pass, silver first, then gold.</summary>
    public static IReadOnlyList<QualityCheck> Default { get; } =
    [
        // Keys.
        QualityCheck.Unique(Customers, "customer_id"),
        QualityCheck.NotNull(Customers, "customer_id"),
        QualityCheck.Unique(Products, "product_id"),
        QualityCheck.Unique(Orders, "order_id"),
        QualityCheck.NotNull(Orders, "order_id"),
        QualityCheck.Unique(Items, "order_item_id"),
        QualityCheck.Unique(Payments, "payment_id"),
        QualityCheck.Unique(Tickets, "ticket_id"),
        QualityCheck.Unique(Analytics, "customer_id"),
        QualityCheck.NotNull(Analytics, "customer_id"),
        QualityCheck.Unique(Risk, "customer_id"),
        QualityCheck.NotNull(Risk, "customer_id"),
        QualityCheck.Unique(Revenue, "month"),
        QualityCheck.NotNull(Revenue, "month"),
        QualityCheck.Unique(Cohorts, "cohort_basis", "cohort_month", "months_since"),

        // Columns the notebooks group and filter by.
        QualityCheck.NotNull(Customers, "signup_date"),
        QualityCheck.NotNull(Orders, "customer_id"),
        QualityCheck.NotNull(Orders, "order_date"),
        QualityCheck.NotNull(Analytics, "customer_segment"),
        QualityCheck.NotNull(Analytics, "recency_segment"),
        QualityCheck.NotNull(Analytics, "value_tier"),
        QualityCheck.NotNull(Analytics, "risk_flag"),
        QualityCheck.NotNull(Analytics, "acquisition_source"),
        QualityCheck.NotNull(Analytics, "region"),
        QualityCheck.NotNull(Analytics, "lifetime_value"),
        QualityCheck.NotNull(Analytics, "total_orders"),
        QualityCheck.NotNull(Risk, "risk_flag"),

        // Accepted values of every segment and category column.
        QualityCheck.AcceptedValues(Orders, "status", [.. OrderStatuses]),
        QualityCheck.AcceptedValues(Payments, "payment_status", [.. PaymentStatuses]),
        QualityCheck.AcceptedValues(Analytics, "customer_segment", [.. CustomerSegments]),
        QualityCheck.AcceptedValues(Analytics, "recency_segment", [.. RecencySegments]),
        QualityCheck.AcceptedValues(Analytics, "value_tier", [.. ValueTiers]),
        QualityCheck.AcceptedValues(Analytics, "risk_flag", [.. RiskFlags]),
        QualityCheck.AcceptedValues(Analytics, "acquisition_source", [.. AcquisitionSources]),
        QualityCheck.AcceptedValues(Analytics, "age_band", [.. AgeBands]),
        QualityCheck.AcceptedValues(Analytics, "gender", [.. Genders]),
        QualityCheck.AcceptedValues(Analytics, "region", [.. Regions]),
        QualityCheck.AcceptedValues(Risk, "risk_flag", [.. RiskFlags]),
        QualityCheck.AcceptedValues(Cohorts, "cohort_basis", [.. CohortBases]),
        new("accepted_values", Analytics, "country_code", "country_code is an ISO 3166-1 alpha-2 code of silver.ref_countries (or NULL when unknown)",
            $"SELECT c.* FROM {Analytics} c ANTI JOIN silver.ref_countries r USING (country_code) WHERE c.country_code IS NOT NULL"),

        // Referential integrity.
        QualityCheck.Relationship(Orders, "customer_id", Customers, "customer_id"),
        QualityCheck.Relationship(Items, "order_id", Orders, "order_id"),
        QualityCheck.Relationship(Items, "product_id", Products, "product_id"),
        QualityCheck.Relationship(Payments, "order_id", Orders, "order_id"),
        QualityCheck.Relationship(Tickets, "customer_id", Customers, "customer_id"),
        QualityCheck.Relationship(Analytics, "customer_id", Customers, "customer_id"),
        QualityCheck.Relationship(Customers, "customer_id", Analytics, "customer_id"),
        QualityCheck.Relationship(Risk, "customer_id", Analytics, "customer_id"),

        // No negative amounts or counts.
        QualityCheck.NonNegative(Items, "quantity"),
        QualityCheck.NonNegative(Items, "unit_price"),
        QualityCheck.NonNegative(Items, "line_amount"),
        QualityCheck.NonNegative(Payments, "amount"),
        QualityCheck.NonNegative(Analytics, "lifetime_value"),
        QualityCheck.NonNegative(Analytics, "avg_order_value"),
        QualityCheck.NonNegative(Analytics, "total_orders"),
        QualityCheck.NonNegative(Analytics, "days_since_last_order"),
        QualityCheck.NonNegative(Revenue, "revenue"),
        QualityCheck.NonNegative(Revenue, "orders"),

        // Rates are rates.
        QualityCheck.Between(Analytics, "late_payment_rate", 0, 1),
        QualityCheck.Between(Analytics, "value_percentile", 0, 1),
        QualityCheck.Between(Cohorts, "retention_rate", 0, 1),
        QualityCheck.Between(Revenue, "retention_rate", 0, 1),
        QualityCheck.NonNegative(Revenue, "reactivated_customers"),
        new("consistency", Analytics, "avg_order_value", "avg_order_value is NULL exactly for customers without a completed order",
            $"SELECT customer_id, total_orders, avg_order_value FROM {Analytics} WHERE (avg_order_value IS NULL) <> (total_orders = 0)"),

        // Reconciliation: gold adds up to silver.
        new("reconciliation", Analytics, "lifetime_value", $"the sum of lifetime_value equals completed-order revenue in {OrdersEnriched}",
            $"""
            SELECT g.total AS gold_lifetime_value, s.total AS silver_completed_revenue, g.total - s.total AS difference
            FROM (SELECT coalesce(sum(lifetime_value), 0) AS total FROM {Analytics}) g,
                 (SELECT coalesce(sum(order_amount), 0) AS total FROM {OrdersEnriched} WHERE status = 'completed') s
            WHERE g.total <> s.total
            """),
        new("reconciliation", Analytics, "total_orders", $"the sum of total_orders equals the completed orders in {OrdersEnriched}",
            $"""
            SELECT g.total AS gold_total_orders, s.total AS silver_completed_orders
            FROM (SELECT coalesce(sum(total_orders), 0) AS total FROM {Analytics}) g,
                 (SELECT count(*) AS total FROM {OrdersEnriched} WHERE status = 'completed') s
            WHERE g.total <> s.total
            """),
        new("reconciliation", Revenue, "revenue", $"the sum of monthly revenue equals completed-order revenue in {OrdersEnriched}",
            $"""
            SELECT g.total AS gold_revenue, s.total AS silver_completed_revenue, g.total - s.total AS difference
            FROM (SELECT coalesce(sum(revenue), 0) AS total FROM {Revenue}) g,
                 (SELECT coalesce(sum(order_amount), 0) AS total FROM {OrdersEnriched} WHERE status = 'completed') s
            WHERE g.total <> s.total
            """),
        new("reconciliation", Enriched, "total_spent", $"every customer's total_spent equals the sum of their completed orders in {OrdersEnriched}",
            $"""
            SELECT c.customer_id, c.total_spent, coalesce(o.total, 0) AS completed_revenue
            FROM {Enriched} c
            LEFT JOIN (SELECT customer_id, sum(order_amount) AS total FROM {OrdersEnriched} WHERE status = 'completed' GROUP BY ALL) o USING (customer_id)
            WHERE c.total_spent <> coalesce(o.total, 0)
            """),
    ];

    /// <summary>
    /// Runs checks (by default <see cref="Default"/>) and reports each with up to <paramref name="sampleRows"/> offending rows.
    /// A check whose SQL fails (a missing table, say) is reported as failed with DuckDB's message.
    /// </summary>
    public static QualityReport Run(DuckDbConnection connection, IEnumerable<QualityCheck>? checks = null, int sampleRows = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var results = new List<QualityCheckResult>();
        foreach (var check in checks ?? Default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(Run(connection, check, sampleRows, cancellationToken));
        }
        return new QualityReport(results);
    }

    private static QualityCheckResult Run(DuckDbConnection connection, QualityCheck check, int sampleRows, CancellationToken cancellationToken)
    {
        try
        {
            // Counting first lets DuckDB read only the columns the rule needs (a relationship check's anti join then
            // carries the key alone, not every column of the table); the sample, which needs them all, is fetched
            // only when there is something to show. LIMIT 0 costs nothing and still gives the sample its columns.
            var count = connection.Query($"SELECT count(*) FROM ({check.FailingRowsSql})", cancellationToken);
            var failing = Convert.ToInt64(count[0].GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            var sample = connection.Query($"SELECT * FROM ({check.FailingRowsSql}) LIMIT {(failing == 0 ? 0 : sampleRows)}", cancellationToken);
            return new QualityCheckResult(check, failing, sample);
        }
        catch (DuckDbException e)
        {
            return new QualityCheckResult(check, 0, Frame.Empty, e.Message);
        }
    }
}
