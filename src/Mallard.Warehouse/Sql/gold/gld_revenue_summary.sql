-- One row per calendar month from the first order to the as_of month: completed-order revenue,
-- orders and customers, split into new customers (first completed order that month) and
-- returning ones, with cancellations, returns, the running total and growth on the month before.
-- Month-to-month retention is the standard one: of the customers who ordered in the previous
-- month, the share who ordered again this month. Returning customers who skipped the previous
-- month are reactivations, counted apart: they never count as retained.
WITH completed AS (
    SELECT o.order_month, o.customer_id, o.order_amount, o.item_count,
           o.order_month = CAST(date_trunc('month', c.first_order_date) AS DATE) AS is_new
    FROM silver.int_orders_enriched o
    JOIN silver.int_customers_enriched c USING (customer_id)
    WHERE o.status = 'completed'
),
months AS (
    SELECT CAST(unnest(generate_series(min(order_month), CAST(date_trunc('month', getvariable('as_of')) AS DATE), INTERVAL 1 MONTH)) AS DATE) AS month
    FROM silver.int_orders_enriched
),
sales AS (
    SELECT
        order_month AS month,
        count(*) AS orders,
        count(DISTINCT customer_id) AS customers,
        count(DISTINCT customer_id) FILTER (WHERE is_new) AS new_customers,
        sum(order_amount) AS revenue,
        sum(order_amount) FILTER (WHERE is_new) AS new_customer_revenue,
        sum(item_count) AS items_sold
    FROM completed
    GROUP BY order_month
),
activity AS (
    SELECT DISTINCT customer_id, order_month FROM completed
),
retained AS (
    SELECT a.order_month AS month, count(*) AS retained_customers
    FROM activity a
    SEMI JOIN activity b ON b.customer_id = a.customer_id AND b.order_month = CAST(a.order_month - INTERVAL 1 MONTH AS DATE)
    GROUP BY a.order_month
),
others AS (
    SELECT
        order_month AS month,
        count(*) FILTER (WHERE status = 'cancelled') AS cancelled_orders,
        count(*) FILTER (WHERE status = 'returned') AS returned_orders
    FROM silver.int_orders_enriched
    GROUP BY order_month
),
monthly AS (
    SELECT
        m.month,
        coalesce(s.orders, 0) AS orders,
        coalesce(s.customers, 0) AS customers,
        coalesce(s.new_customers, 0) AS new_customers,
        coalesce(s.customers, 0) - coalesce(s.new_customers, 0) AS returning_customers,
        coalesce(k.retained_customers, 0) AS retained_customers,
        CAST(coalesce(s.revenue, 0) AS DECIMAL(18, 2)) AS revenue,
        CAST(coalesce(s.new_customer_revenue, 0) AS DECIMAL(18, 2)) AS new_customer_revenue,
        CAST(coalesce(s.revenue, 0) - coalesce(s.new_customer_revenue, 0) AS DECIMAL(18, 2)) AS returning_customer_revenue,
        CAST(coalesce(s.items_sold, 0) AS BIGINT) AS items_sold,
        coalesce(x.cancelled_orders, 0) AS cancelled_orders,
        coalesce(x.returned_orders, 0) AS returned_orders
    FROM months m
    LEFT JOIN sales s USING (month)
    LEFT JOIN others x USING (month)
    LEFT JOIN retained k USING (month)
),
rated AS (
    SELECT
        *,
        CASE WHEN lag(customers) OVER (ORDER BY month) > 0 THEN retained_customers / lag(customers) OVER (ORDER BY month) END AS retention_rate
    FROM monthly
)
SELECT
    month,
    orders,
    customers,
    new_customers,
    returning_customers,
    retained_customers,
    returning_customers - retained_customers AS reactivated_customers,
    retention_rate,
    1 - retention_rate AS churn_rate,
    revenue,
    new_customer_revenue,
    returning_customer_revenue,
    gold.money_div(revenue, orders) AS avg_order_value,
    items_sold,
    cancelled_orders,
    returned_orders,
    CAST(sum(revenue) OVER (ORDER BY month) AS DECIMAL(18, 2)) AS cumulative_revenue,
    CASE WHEN lag(revenue) OVER (ORDER BY month) > 0
         THEN (revenue - lag(revenue) OVER (ORDER BY month)) / lag(revenue) OVER (ORDER BY month) END AS revenue_growth
FROM rated
