-- The SQL Segmentation Pack's queries for psql, against a warehouse published to PostgreSQL with
--   mallard warehouse publish --postgres "postgres://user:password@host:port/database"
-- Run them with
--   psql "postgres://user:password@host:port/database" -v ON_ERROR_STOP=1 -f notebooks/sql/segmentation_pack.postgres.sql
-- and choose other parameters with -v, for example -v cohortBasis=signup -v monthsShown=6.
--
-- Seed 002's seven queries (customer value, spend by segment, value tiers, monthly retention, cohort retention,
-- payment and support risk, high-risk flags), each as one or more of the queries of notebooks/segmentation_pack.ipynb.
-- Every query below is that notebook's SQL cell of the same name, word for word, with its $parameters written as psql
-- variables (a test holds them to it): the notebook runs the same text on DuckDB and on PostgreSQL. Money is exact
-- NUMERIC, rounded once to the cent by the gold money functions (gold.money_div, gold.money_avg, gold.money_median),
-- which the publish creates in the gold schema.

-- Parameters, as in the notebook's parameters cell; -v on the command line takes precedence.
\if :{?cohortBasis}
\else
  \set cohortBasis first_order
\endif
\if :{?cohortsShown}
\else
  \set cohortsShown 12
\endif
\if :{?monthsShown}
\else
  \set monthsShown 12
\endif
\if :{?highRiskListed}
\else
  \set highRiskListed 20
\endif

\echo 'Context: The published warehouse: its as-of date, scale and the thresholds the segments use'
-- name: build_info
SELECT as_of, scale AS customers_generated, vip_min_orders, vip_min_spent, value_high_percentile, value_medium_percentile,
       risk_min_late_payments, risk_late_payment_rate, risk_min_tickets
FROM gold.gld_build_info;

\echo 'Query 1: Customer value: total spend, average order value (AOV) and lifetime value (LTV), with the buyers and repeat buyers the repeat purchase rate divides'
-- name: value_kpis
SELECT
  SUM(lifetime_value)                                                          AS total_spend,
  gold.money_div(SUM(lifetime_value), SUM(total_orders))                       AS average_order_value,
  gold.money_avg(lifetime_value)                                               AS avg_lifetime_value,
  gold.money_avg(CASE WHEN total_orders > 0 THEN lifetime_value END)           AS avg_spend_per_buyer,
  COUNT(*)                                                                     AS customers,
  COUNT(*) FILTER (WHERE total_orders >= 1)                                    AS buyers,
  COUNT(*) FILTER (WHERE total_orders >= 2)                                    AS repeat_buyers
FROM gold.gld_customer_analytics;

\echo 'Query 2: Total spend per customer by behavioural segment'
-- name: spend_by_segment
SELECT
  customer_segment,
  COUNT(*)                                                                          AS customers,
  SUM(lifetime_value)                                                               AS total_spend,
  gold.money_avg(lifetime_value)                                                    AS avg_spend,
  gold.money_median(lifetime_value)                                                 AS median_spend,
  MAX(lifetime_value)                                                               AS max_spend,
  gold.money_div(SUM(lifetime_value), SUM(total_orders))                            AS aov,
  CAST(SUM(lifetime_value) AS DOUBLE PRECISION) / SUM(SUM(lifetime_value)) OVER ()  AS revenue_share
FROM gold.gld_customer_analytics
GROUP BY customer_segment
ORDER BY array_position(ARRAY['VIP', 'Loyal', 'Regular', 'New', 'Prospect'], customer_segment), customer_segment;

\echo 'Query 3: High / Medium / Low value tiers: share of customers against share of revenue'
-- name: value_tiers
SELECT
  value_tier,
  COUNT(*)                                                                          AS customers,
  CAST(COUNT(*) AS DOUBLE PRECISION) / SUM(COUNT(*)) OVER ()                        AS customer_share,
  SUM(lifetime_value)                                                               AS revenue,
  CAST(SUM(lifetime_value) AS DOUBLE PRECISION) / SUM(SUM(lifetime_value)) OVER ()  AS revenue_share,
  gold.money_avg(lifetime_value)                                                    AS avg_ltv,
  gold.money_div(SUM(lifetime_value), SUM(total_orders))                            AS aov
FROM gold.gld_customer_analytics
GROUP BY value_tier
ORDER BY array_position(ARRAY['High', 'Medium', 'Low'], value_tier), value_tier;

\echo 'Query 4: Monthly retention and churn, the last monthsShown complete months'
-- name: monthly_retention
WITH months AS (
  SELECT
    month,
    LAG(customers) OVER (ORDER BY month) AS previous_customers,
    customers,
    new_customers,
    retained_customers,
    reactivated_customers,
    retention_rate,
    churn_rate
  FROM gold.gld_revenue_summary
  WHERE month < (SELECT date_trunc('month', as_of) FROM gold.gld_build_info)
),
recent AS (
  SELECT * FROM months
  WHERE retention_rate IS NOT NULL
  ORDER BY month DESC
  LIMIT :monthsShown
)
SELECT * FROM recent
ORDER BY month;

\echo 'Query 5: Cohort retention: the curve, the most recent cohorts month by month, and month-1 retention on both cohort bases'
-- name: retention_curve
SELECT
  months_since,
  COUNT(*)                                                            AS cohorts,
  SUM(cohort_size)::BIGINT                                            AS cohort_customers,
  SUM(active_customers)::BIGINT                                       AS active_customers,
  CAST(SUM(active_customers) AS DOUBLE PRECISION) / SUM(cohort_size)  AS retention_rate
FROM gold.gld_cohort_retention
WHERE cohort_basis = :'cohortBasis'
  AND activity_month < (SELECT date_trunc('month', as_of) FROM gold.gld_build_info)
  AND months_since <= :monthsShown
GROUP BY months_since
ORDER BY months_since;

-- name: cohort_grid
WITH recent AS (
  SELECT DISTINCT cohort_month
  FROM gold.gld_cohort_retention
  WHERE cohort_basis = :'cohortBasis' AND cohort_month < (SELECT date_trunc('month', as_of) FROM gold.gld_build_info)
  ORDER BY cohort_month DESC
  LIMIT :cohortsShown
)
SELECT
  CAST(EXTRACT(YEAR FROM c.cohort_month) AS VARCHAR) || '-' || lpad(CAST(EXTRACT(MONTH FROM c.cohort_month) AS VARCHAR), 2, '0') AS cohort,
  c.cohort_size,
  c.months_since,
  c.active_customers,
  c.retention_rate
FROM gold.gld_cohort_retention c
JOIN recent USING (cohort_month)
WHERE c.cohort_basis = :'cohortBasis'
  AND c.activity_month < (SELECT date_trunc('month', as_of) FROM gold.gld_build_info)
  AND c.months_since <= :monthsShown
ORDER BY c.cohort_month, c.months_since;

-- name: month_one
SELECT
  cohort_basis,
  SUM(cohort_size)::BIGINT                                            AS cohort_customers,
  SUM(active_customers)::BIGINT                                       AS ordering_in_month_1,
  CAST(SUM(active_customers) AS DOUBLE PRECISION) / SUM(cohort_size)  AS month_1_retention
FROM gold.gld_cohort_retention
WHERE months_since = 1
  AND activity_month < (SELECT date_trunc('month', as_of) FROM gold.gld_build_info)
GROUP BY cohort_basis
ORDER BY cohort_basis;

\echo 'Query 6: Late payment rate and support ticket frequency, overall, by segment and by tickets opened'
-- name: risk_kpis
SELECT
  SUM(late_payments)::BIGINT                                                                      AS late_payments,
  SUM(total_payments - pending_payments)::BIGINT                                                  AS settled_payments,
  CAST(SUM(late_payments) AS DOUBLE PRECISION) / NULLIF(SUM(total_payments - pending_payments), 0)  AS late_payment_rate,
  SUM(support_tickets)::BIGINT                                                                    AS support_tickets,
  CAST(SUM(support_tickets) AS DOUBLE PRECISION) / COUNT(*)                                       AS tickets_per_customer,
  CAST(SUM(support_tickets) * 100 AS DOUBLE PRECISION) / NULLIF(SUM(total_orders), 0)             AS tickets_per_100_orders,
  COUNT(*) FILTER (WHERE risk_flag = 'High')                                                      AS high_risk_customers,
  CAST(COUNT(*) FILTER (WHERE risk_flag = 'High') AS DOUBLE PRECISION) / COUNT(*)                 AS high_risk_share
FROM gold.gld_customer_risk;

-- name: late_by_segment
SELECT
  a.customer_segment,
  SUM(r.late_payments)::BIGINT                                                                        AS late_payments,
  SUM(r.total_payments - r.pending_payments)::BIGINT                                                  AS settled_payments,
  CAST(SUM(r.late_payments) AS DOUBLE PRECISION) / NULLIF(SUM(r.total_payments - r.pending_payments), 0)  AS late_payment_rate,
  CAST(SUM(r.support_tickets) AS DOUBLE PRECISION) / COUNT(*)                                         AS tickets_per_customer
FROM gold.gld_customer_analytics a
JOIN gold.gld_customer_risk r USING (customer_id)
GROUP BY a.customer_segment
ORDER BY array_position(ARRAY['VIP', 'Loyal', 'Regular', 'New', 'Prospect'], a.customer_segment), a.customer_segment;

-- name: ticket_frequency
SELECT
  CASE WHEN support_tickets >= 3 THEN '3 or more' ELSE support_tickets::VARCHAR END  AS tickets,
  COUNT(*)                                                                         AS customers,
  CAST(COUNT(*) AS DOUBLE PRECISION) / SUM(COUNT(*)) OVER ()                       AS share
FROM gold.gld_customer_risk
GROUP BY 1
ORDER BY 1;

\echo 'Query 7: High-risk customer flags: the customers raising each flag, the risk levels, and the most valuable high-risk customers'
-- name: risk_flags
SELECT
  f.flag,
  COUNT(*) FILTER (WHERE f.raised)                          AS flagged_customers,
  COUNT(*) FILTER (WHERE f.raised AND r.risk_flag = 'High')  AS of_them_high_risk
FROM gold.gld_customer_risk r
CROSS JOIN LATERAL (VALUES
  ('Late payments', r.late_payment_flag),
  ('Failed payments', r.failed_payment_flag),
  ('Frequent support tickets', r.support_flag),
  ('Dissatisfied', r.dissatisfaction_flag),
  ('Lapsing', r.lapsing_flag)
) AS f (flag, raised)
GROUP BY f.flag
ORDER BY flagged_customers DESC, f.flag;

-- name: risk_levels
SELECT
  a.risk_flag                                                                           AS risk_level,
  COUNT(*)                                                                              AS customers,
  CAST(COUNT(*) AS DOUBLE PRECISION) / SUM(COUNT(*)) OVER ()                            AS customer_share,
  SUM(a.lifetime_value)                                                                 AS lifetime_value,
  CAST(SUM(a.lifetime_value) AS DOUBLE PRECISION) / SUM(SUM(a.lifetime_value)) OVER ()  AS revenue_share,
  AVG(r.late_payment_rate)                                                              AS avg_late_payment_rate,
  AVG(CAST(r.support_tickets AS DOUBLE PRECISION))                                      AS avg_tickets,
  AVG(r.avg_satisfaction)                                                               AS avg_satisfaction
FROM gold.gld_customer_analytics a
JOIN gold.gld_customer_risk r USING (customer_id)
GROUP BY a.risk_flag
ORDER BY array_position(ARRAY['High', 'Medium', 'Low'], a.risk_flag), a.risk_flag;

-- name: high_risk_customers
SELECT
  a.full_name,
  a.country_code,
  a.customer_segment,
  a.recency_segment,
  a.lifetime_value,
  r.late_payments,
  r.failed_payments,
  r.support_tickets,
  r.avg_satisfaction,
  r.risk_score
FROM gold.gld_customer_analytics a
JOIN gold.gld_customer_risk r USING (customer_id)
WHERE r.risk_flag = 'High'
ORDER BY a.lifetime_value DESC, a.customer_id
LIMIT :highRiskListed;

\echo 'Also: Also in the pack: AOV by age band and regional performance'
-- name: aov_by_age
SELECT
  age_band,
  COUNT(*)                                                AS customers,
  SUM(total_orders)::BIGINT                               AS orders,
  SUM(lifetime_value)                                     AS revenue,
  gold.money_div(SUM(lifetime_value), SUM(total_orders))  AS aov
FROM gold.gld_customer_analytics
GROUP BY age_band
ORDER BY array_position(ARRAY['18-24', '25-34', '35-44', '45-54', '55-64', '65+', 'Unknown'], age_band), age_band;

-- name: regional_performance
SELECT
  region,
  COUNT(*)                                                                                   AS customers,
  SUM(lifetime_value)                                                                        AS revenue,
  CAST(SUM(lifetime_value) AS DOUBLE PRECISION) / SUM(SUM(lifetime_value)) OVER ()           AS revenue_share,
  gold.money_div(SUM(lifetime_value), SUM(total_orders))                                     AS aov,
  CAST(COUNT(*) FILTER (WHERE total_orders >= 2) AS DOUBLE PRECISION)
    / NULLIF(COUNT(*) FILTER (WHERE total_orders >= 1), 0)                                   AS repeat_purchase_rate,
  CAST(COUNT(*) FILTER (WHERE risk_flag = 'High') AS DOUBLE PRECISION) / COUNT(*)            AS high_risk_share
FROM gold.gld_customer_analytics
GROUP BY region
ORDER BY revenue DESC, region;
