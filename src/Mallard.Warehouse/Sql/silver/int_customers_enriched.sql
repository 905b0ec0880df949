-- One row per customer: demographics with purchase behaviour and the segment it earns.
-- Purchase metrics count completed orders only (cancelled and returned orders earn nothing);
-- customers without a completed order keep zeros, NULL dates and no average order value, and are Prospects.
-- Segment thresholds and the as_of date are build parameters.
WITH purchases AS (
    SELECT
        customer_id,
        count(*) FILTER (WHERE status = 'completed') AS total_orders,
        sum(order_amount) FILTER (WHERE status = 'completed') AS total_spent,
        min(order_date) FILTER (WHERE status = 'completed') AS first_order_date,
        max(order_date) FILTER (WHERE status = 'completed') AS last_order_date,
        sum(item_count) FILTER (WHERE status = 'completed') AS total_items_purchased,
        count(*) AS orders_placed,
        count(*) FILTER (WHERE status = 'cancelled') AS cancelled_orders,
        count(*) FILTER (WHERE status = 'returned') AS returned_orders
    FROM silver.int_orders_enriched
    GROUP BY customer_id
),
metrics AS (
    SELECT
        c.*,
        coalesce(p.total_orders, 0) AS total_orders,
        CAST(coalesce(p.total_spent, 0) AS DECIMAL(18, 2)) AS total_spent,
        p.first_order_date,
        p.last_order_date,
        CAST(coalesce(p.total_items_purchased, 0) AS BIGINT) AS total_items_purchased,
        coalesce(p.orders_placed, 0) AS orders_placed,
        coalesce(p.cancelled_orders, 0) AS cancelled_orders,
        coalesce(p.returned_orders, 0) AS returned_orders
    FROM silver.stg_customers c
    LEFT JOIN purchases p USING (customer_id)
)
SELECT
    *,
    gold.money_div(total_spent, total_orders) AS avg_order_value,
    getvariable('as_of') - last_order_date AS days_since_last_order,
    CASE
        WHEN total_orders = 0 THEN 'Prospect'
        WHEN total_orders >= getvariable('vip_min_orders') AND total_spent >= getvariable('vip_min_spent') THEN 'VIP'
        WHEN total_orders >= getvariable('loyal_min_orders') AND total_spent >= getvariable('loyal_min_spent') THEN 'Loyal'
        WHEN total_orders >= getvariable('regular_min_orders') THEN 'Regular'
        ELSE 'New'
    END AS customer_segment
FROM metrics
