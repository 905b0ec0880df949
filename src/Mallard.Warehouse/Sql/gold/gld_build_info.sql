-- One row: the parameters this warehouse was built with. scale and seed are NULL when the
-- bronze layer was supplied rather than generated.
SELECT
    CAST(getvariable('as_of') AS DATE) AS as_of,
    CAST(getvariable('scale') AS BIGINT) AS scale,
    CAST(getvariable('seed') AS BIGINT) AS seed,
    getvariable('vip_min_orders') AS vip_min_orders,
    getvariable('vip_min_spent') AS vip_min_spent,
    getvariable('loyal_min_orders') AS loyal_min_orders,
    getvariable('loyal_min_spent') AS loyal_min_spent,
    getvariable('regular_min_orders') AS regular_min_orders,
    getvariable('recency_active_days') AS recency_active_days,
    getvariable('recency_cooling_days') AS recency_cooling_days,
    getvariable('recency_at_risk_days') AS recency_at_risk_days,
    getvariable('value_high_percentile') AS value_high_percentile,
    getvariable('value_medium_percentile') AS value_medium_percentile,
    getvariable('risk_min_late_payments') AS risk_min_late_payments,
    getvariable('risk_late_payment_rate') AS risk_late_payment_rate,
    getvariable('risk_min_failed_payments') AS risk_min_failed_payments,
    getvariable('risk_min_tickets') AS risk_min_tickets,
    getvariable('risk_max_satisfaction') AS risk_max_satisfaction
FROM (SELECT 1)
