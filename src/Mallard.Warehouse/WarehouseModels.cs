namespace Mallard.Warehouse;

/// <summary>Every model of the warehouse, in the order a build runs them (each after the models it reads).</summary>
public static class WarehouseModels
{
    public static IReadOnlyList<WarehouseModel> Generator { get; } =
    [
        new(WarehouseLayer.Generator, "macros"),
        new(WarehouseLayer.Generator, "countries"),
        new(WarehouseLayer.Generator, "customers"),
        new(WarehouseLayer.Generator, "orders"),
    ];

    public static IReadOnlyList<WarehouseModel> Bronze { get; } =
    [
        new(WarehouseLayer.Bronze, "customers"),
        new(WarehouseLayer.Bronze, "products"),
        new(WarehouseLayer.Bronze, "orders"),
        new(WarehouseLayer.Bronze, "order_items"),
        new(WarehouseLayer.Bronze, "payments"),
        new(WarehouseLayer.Bronze, "support_tickets"),
    ];

    /// <summary>
    /// Functions the models use, created before silver: the gold money functions (<c>gold.money_div</c>,
    /// <c>gold.money_avg</c>, <c>gold.money_median</c>: exact decimal division, average and median rounded once to
    /// the cent, kept in the warehouse for its readers) and the build's text cleaning (a temporary macro).
    /// </summary>
    public static IReadOnlyList<WarehouseModel> Functions { get; } =
    [
        new(WarehouseLayer.Gold, "money") { IsScript = true },
        new(WarehouseLayer.Silver, "text") { IsScript = true },
    ];

    public static IReadOnlyList<WarehouseModel> Silver { get; } =
    [
        new(WarehouseLayer.Silver, "ref_countries") { Key = ["country_code"] },
        new(WarehouseLayer.Silver, "stg_customer_records") { Key = ["source_customer_id"], Indexed = ["customer_id"] },
        new(WarehouseLayer.Silver, "stg_customers") { Key = ["customer_id"] },
        new(WarehouseLayer.Silver, "stg_products") { Key = ["product_id"] },
        new(WarehouseLayer.Silver, "stg_orders") { Key = ["order_id"], Indexed = ["customer_id"] },
        new(WarehouseLayer.Silver, "stg_order_items") { Key = ["order_item_id"], Indexed = ["order_id"] },
        // DuckDB's build/probe side optimizer hashes the payments (every column) and probes them with the kept
        // orders' ids, because there are a few fewer payments than orders; hashing the ids instead takes about a
        // third off the model (at 1,000,000 customers: 10 million payments, 10.7 million orders).
        new(WarehouseLayer.Silver, "stg_payments")
        {
            Key = ["payment_id"],
            Indexed = ["order_id"],
            Settings = new Dictionary<string, string> { ["disabled_optimizers"] = "build_side_probe_side" },
        },
        new(WarehouseLayer.Silver, "stg_support_tickets") { Key = ["ticket_id"], Indexed = ["customer_id"] },
        new(WarehouseLayer.Silver, "int_orders_enriched") { Key = ["order_id"], Indexed = ["customer_id"] },
        new(WarehouseLayer.Silver, "int_customers_enriched") { Key = ["customer_id"] },
    ];

    public static IReadOnlyList<WarehouseModel> Gold { get; } =
    [
        new(WarehouseLayer.Gold, "gld_customer_risk") { Key = ["customer_id"], Indexed = ["risk_flag"] },
        new(WarehouseLayer.Gold, "gld_customer_analytics") { Key = ["customer_id"], Indexed = ["customer_segment", "value_tier", "region"] },
        new(WarehouseLayer.Gold, "gld_revenue_summary") { Key = ["month"] },
        new(WarehouseLayer.Gold, "gld_cohort_retention") { Key = ["cohort_basis", "cohort_month", "months_since"] },
        new(WarehouseLayer.Gold, "gld_build_info"),
    ];

    /// <summary>The schemas a build writes to.</summary>
    public static IReadOnlyList<string> Schemas { get; } = ["bronze", "silver", "gold"];

    /// <summary>The bronze table names a supplied bronze layer must create.</summary>
    public static IReadOnlyList<string> BronzeTables { get; } = Bronze.Select(m => m.Name).ToArray();

    /// <summary>The tables a build leaves in the warehouse: bronze, silver and gold, in build order.</summary>
    public static IReadOnlyList<WarehouseModel> Tables { get; } = [.. Bronze, .. Silver, .. Gold];
}
