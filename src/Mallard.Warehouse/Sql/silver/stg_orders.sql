-- One row per order placed by a known customer up to the as_of date: the latest load of each
-- order, statuses and channels normalised, the customer resolved to the deduplicated person.
-- Orders whose customer is missing from the CRM export are dropped here.
-- Most records are loaded once: only the ids loaded more than once need ranking to find their latest load.
WITH reloaded AS (
    SELECT order_id FROM bronze.orders GROUP BY order_id HAVING count(*) > 1
),
latest AS (
    SELECT o.* FROM bronze.orders o ANTI JOIN reloaded r ON r.order_id IS NOT DISTINCT FROM o.order_id
    UNION ALL
    SELECT o.* FROM bronze.orders o SEMI JOIN reloaded r ON r.order_id IS NOT DISTINCT FROM o.order_id
    QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY _ingested_at DESC, hash(customer_id, ordered_at, status, channel)) = 1
)
SELECT
    o.order_id,
    k.customer_id,
    o.customer_id AS source_customer_id,
    o.ordered_at,
    CAST(o.ordered_at AS DATE) AS order_date,
    CASE lower(strip_text(o.status))
        WHEN 'completed' THEN 'completed' WHEN 'complete' THEN 'completed'
        WHEN 'cancelled' THEN 'cancelled' WHEN 'canceled' THEN 'cancelled'
        WHEN 'returned' THEN 'returned'
        ELSE lower(strip_text(o.status))
    END AS status,
    coalesce(nullif(replace(lower(strip_text(o.channel)), ' ', '_'), ''), 'unknown') AS channel
FROM latest o
JOIN silver.stg_customer_records k ON k.source_customer_id = o.customer_id
SEMI JOIN silver.stg_customers c ON c.customer_id = k.customer_id
WHERE CAST(o.ordered_at AS DATE) <= getvariable('as_of')
