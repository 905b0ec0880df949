-- One row per customer: identity, geography, demographics, acquisition, purchase behaviour,
-- segments (value, recency, tier) and risk. The table the customer notebooks start from.
WITH ranked AS (
    SELECT
        c.*,
        percent_rank() OVER (ORDER BY c.total_spent) AS value_percentile
    FROM silver.int_customers_enriched c
),
aged AS (
    SELECT
        r.*,
        CAST(date_sub('year', r.birth_date, getvariable('as_of')) AS INTEGER) AS age
    FROM ranked r
)
SELECT
    a.customer_id,
    a.full_name,
    a.first_name,
    a.last_name,
    a.email,
    a.country_code,
    a.country_name,
    a.region,
    a.city,
    a.birth_date,
    a.age,
    CASE
        WHEN a.age IS NULL THEN 'Unknown'
        WHEN a.age < 25 THEN '18-24'
        WHEN a.age < 35 THEN '25-34'
        WHEN a.age < 45 THEN '35-44'
        WHEN a.age < 55 THEN '45-54'
        WHEN a.age < 65 THEN '55-64'
        ELSE '65+'
    END AS age_band,
    a.gender,
    a.acquisition_source,
    a.signup_date,
    CAST(date_trunc('month', a.signup_date) AS DATE) AS signup_month,
    a.first_order_date,
    a.last_order_date,
    a.total_orders,
    a.total_items_purchased AS total_items,
    a.total_spent AS lifetime_value,
    a.avg_order_value,
    a.days_since_last_order,
    a.orders_placed,
    a.cancelled_orders,
    a.returned_orders,
    a.customer_segment,
    CASE
        WHEN a.total_orders = 0 THEN 'Never Ordered'
        WHEN a.days_since_last_order <= getvariable('recency_active_days') THEN 'Active'
        WHEN a.days_since_last_order <= getvariable('recency_cooling_days') THEN 'Cooling'
        WHEN a.days_since_last_order <= getvariable('recency_at_risk_days') THEN 'At Risk'
        ELSE 'Dormant'
    END AS recency_segment,
    a.value_percentile,
    CASE
        WHEN a.value_percentile >= getvariable('value_high_percentile') THEN 'High'
        WHEN a.value_percentile >= getvariable('value_medium_percentile') THEN 'Medium'
        ELSE 'Low'
    END AS value_tier,
    r.late_payment_rate,
    r.support_tickets,
    r.risk_score,
    r.risk_flag
FROM aged a
JOIN gold.gld_customer_risk r USING (customer_id)
