-- One row per customer: payment behaviour, support load and satisfaction, the rule-based
-- risk flags they raise, and an overall risk level. Thresholds are build parameters. Rates and
-- averages are exact (not rounded): they are rounded once, where they are shown.
WITH payments AS (
    SELECT
        o.customer_id,
        count(*) AS total_payments,
        count(*) FILTER (WHERE p.payment_status = 'late') AS late_payments,
        count(*) FILTER (WHERE p.payment_status = 'failed') AS failed_payments,
        count(*) FILTER (WHERE p.payment_status = 'pending') AS pending_payments,
        avg(p.days_late) FILTER (WHERE p.payment_status = 'late') AS avg_days_late
    FROM silver.stg_payments p
    JOIN silver.stg_orders o USING (order_id)
    GROUP BY o.customer_id
),
tickets AS (
    SELECT
        customer_id,
        count(*) AS support_tickets,
        count(*) FILTER (WHERE NOT is_resolved) AS open_tickets,
        count(*) FILTER (WHERE priority IN ('high', 'urgent')) AS high_priority_tickets,
        avg(satisfaction_score) AS avg_satisfaction
    FROM silver.stg_support_tickets
    GROUP BY customer_id
),
measures AS (
    SELECT
        c.customer_id,
        c.total_orders,
        c.days_since_last_order,
        coalesce(p.total_payments, 0) AS total_payments,
        coalesce(p.late_payments, 0) AS late_payments,
        coalesce(p.failed_payments, 0) AS failed_payments,
        coalesce(p.pending_payments, 0) AS pending_payments,
        CASE WHEN p.total_payments - p.pending_payments > 0
             THEN p.late_payments / (p.total_payments - p.pending_payments) END AS late_payment_rate,
        p.avg_days_late,
        coalesce(t.support_tickets, 0) AS support_tickets,
        coalesce(t.open_tickets, 0) AS open_tickets,
        coalesce(t.high_priority_tickets, 0) AS high_priority_tickets,
        t.avg_satisfaction
    FROM silver.int_customers_enriched c
    LEFT JOIN payments p USING (customer_id)
    LEFT JOIN tickets t USING (customer_id)
),
flags AS (
    SELECT
        *,
        late_payments >= getvariable('risk_min_late_payments')
            AND coalesce(late_payment_rate, 0) >= getvariable('risk_late_payment_rate') AS late_payment_flag,
        failed_payments >= getvariable('risk_min_failed_payments') AS failed_payment_flag,
        support_tickets >= getvariable('risk_min_tickets') AS support_flag,
        coalesce(avg_satisfaction <= getvariable('risk_max_satisfaction'), false) AS dissatisfaction_flag,
        -- Lapsing: past the Cooling window but not yet Dormant (the At Risk recency segment). Dormant customers
        -- have lapsed already; this flags the ones still worth reaching before they do.
        coalesce(days_since_last_order > getvariable('recency_cooling_days')
                 AND days_since_last_order <= getvariable('recency_at_risk_days'), false) AS lapsing_flag
    FROM measures
)
SELECT
    *,
    CAST(late_payment_flag AS INTEGER) + CAST(failed_payment_flag AS INTEGER) + CAST(support_flag AS INTEGER)
        + CAST(dissatisfaction_flag AS INTEGER) + CAST(lapsing_flag AS INTEGER) AS risk_score,
    CASE CAST(late_payment_flag AS INTEGER) + CAST(failed_payment_flag AS INTEGER) + CAST(support_flag AS INTEGER)
             + CAST(dissatisfaction_flag AS INTEGER) + CAST(lapsing_flag AS INTEGER)
        WHEN 0 THEN 'Low'
        WHEN 1 THEN 'Medium'
        ELSE 'High'
    END AS risk_flag
FROM flags
