-- One row per support ticket of a known customer opened by the as_of date; a ticket resolved
-- after as_of is still open then.
WITH latest AS (
    SELECT *
    FROM bronze.support_tickets
    QUALIFY row_number() OVER (PARTITION BY ticket_id ORDER BY _ingested_at DESC, hash(customer_id, opened_at, category, priority, resolved_at, satisfaction_score)) = 1
),
kept AS (
    SELECT
        t.ticket_id,
        k.customer_id,
        t.opened_at,
        CASE WHEN CAST(t.resolved_at AS DATE) <= getvariable('as_of') THEN t.resolved_at END AS resolved_at,
        coalesce(nullif(lower(strip_text(t.category)), ''), 'other') AS category,
        coalesce(nullif(lower(strip_text(t.priority)), ''), 'unknown') AS priority,
        CASE WHEN t.satisfaction_score BETWEEN 1 AND 5 THEN t.satisfaction_score END AS satisfaction_score
    FROM latest t
    JOIN silver.stg_customer_records k ON k.source_customer_id = t.customer_id
    SEMI JOIN silver.stg_customers c ON c.customer_id = k.customer_id
    WHERE CAST(t.opened_at AS DATE) <= getvariable('as_of')
)
SELECT
    ticket_id, customer_id, opened_at, CAST(opened_at AS DATE) AS opened_date, category, priority,
    resolved_at, resolved_at IS NOT NULL AS is_resolved,
    CASE WHEN resolved_at IS NOT NULL THEN round(date_diff('minute', opened_at, resolved_at) / 60.0, 2) END AS resolution_hours,
    CASE WHEN resolved_at IS NOT NULL THEN satisfaction_score END AS satisfaction_score
FROM kept
