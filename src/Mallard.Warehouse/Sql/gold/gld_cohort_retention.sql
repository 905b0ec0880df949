-- Cohort retention: customers grouped by the month they signed up ('signup') or first completed
-- an order ('first_order'), and for every month since up to the as_of month, how many of them
-- completed an order in that month. Months without activity are present with zero.
WITH cohorts AS (
    SELECT 'signup' AS cohort_basis, customer_id, CAST(date_trunc('month', signup_date) AS DATE) AS cohort_month
    FROM silver.int_customers_enriched
    UNION ALL
    SELECT 'first_order', customer_id, CAST(date_trunc('month', first_order_date) AS DATE)
    FROM silver.int_customers_enriched
    WHERE first_order_date IS NOT NULL
),
sizes AS (
    SELECT cohort_basis, cohort_month, count(*) AS cohort_size
    FROM cohorts
    GROUP BY ALL
),
grid AS (
    SELECT cohort_basis, cohort_month, cohort_size,
           unnest(range(0, date_diff('month', cohort_month, CAST(date_trunc('month', getvariable('as_of')) AS DATE)) + 1)) AS months_since
    FROM sizes
),
activity AS (
    SELECT DISTINCT customer_id, order_month
    FROM silver.int_orders_enriched
    WHERE status = 'completed'
),
active AS (
    SELECT c.cohort_basis, c.cohort_month, date_diff('month', c.cohort_month, a.order_month) AS months_since,
           count(*) AS active_customers
    FROM cohorts c
    JOIN activity a ON a.customer_id = c.customer_id AND a.order_month >= c.cohort_month
    GROUP BY ALL
)
SELECT
    g.cohort_basis,
    g.cohort_month,
    CAST(g.months_since AS INTEGER) AS months_since,
    CAST(g.cohort_month + to_months(CAST(g.months_since AS INTEGER)) AS DATE) AS activity_month,
    g.cohort_size,
    coalesce(a.active_customers, 0) AS active_customers,
    coalesce(a.active_customers, 0) / g.cohort_size AS retention_rate
FROM grid g
LEFT JOIN active a USING (cohort_basis, cohort_month, months_since)
