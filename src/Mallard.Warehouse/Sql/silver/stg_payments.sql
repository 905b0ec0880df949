-- One row per invoice of a kept order, as known on the as_of date: a payment made after
-- as_of is still open then ('pending' until due, 'late' after), and a failure shows once due.
-- Most records are loaded once: only the ids loaded more than once need ranking to find their latest load.
WITH reloaded AS (
    SELECT payment_id FROM bronze.payments GROUP BY payment_id HAVING count(*) > 1
),
latest AS (
    SELECT p.* FROM bronze.payments p ANTI JOIN reloaded r ON r.payment_id IS NOT DISTINCT FROM p.payment_id
    UNION ALL
    SELECT p.* FROM bronze.payments p SEMI JOIN reloaded r ON r.payment_id IS NOT DISTINCT FROM p.payment_id
    QUALIFY row_number() OVER (PARTITION BY payment_id ORDER BY _ingested_at DESC, hash(order_id, amount, method, due_date, paid_at, status)) = 1
),
typed AS (
    SELECT
        p.payment_id,
        p.order_id,
        CAST(p.amount AS DECIMAL(14, 2)) AS amount,
        coalesce(nullif(replace(lower(strip_text(p.method)), ' ', '_'), ''), 'unknown') AS payment_method,
        p.due_date,
        CASE WHEN CAST(p.paid_at AS DATE) <= getvariable('as_of') THEN CAST(p.paid_at AS DATE) END AS paid_date,
        replace(lower(strip_text(p.status)), ' ', '_') AS source_status
    FROM latest p
    SEMI JOIN silver.stg_orders o ON o.order_id = p.order_id
)
SELECT
    payment_id, order_id, amount, payment_method, due_date, paid_date,
    CASE
        WHEN source_status = 'failed' THEN CASE WHEN due_date < getvariable('as_of') THEN 'failed' ELSE 'pending' END
        WHEN paid_date IS NOT NULL THEN CASE WHEN paid_date > due_date THEN 'late' ELSE 'on_time' END
        WHEN due_date < getvariable('as_of') THEN 'late'
        ELSE 'pending'
    END AS payment_status,
    CASE
        WHEN paid_date > due_date THEN paid_date - due_date
        WHEN paid_date IS NULL AND source_status IS DISTINCT FROM 'failed' AND due_date < getvariable('as_of') THEN getvariable('as_of') - due_date
    END AS days_late
FROM typed
