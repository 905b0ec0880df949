-- Order headers from the shop: statuses and channels typed by hand in places, 0.5% of orders
-- loaded twice, and a few orders whose customer never reached the CRM export.
WITH orders AS (
    SELECT
        order_id,
        customer_id,
        ordered_at,
        CASE status
            WHEN 'completed' THEN gen_weighted(order_id, 'status_spelling', ['completed', 'Completed', 'COMPLETE'], [90, 6, 4])
            WHEN 'cancelled' THEN gen_weighted(order_id, 'status_spelling', ['cancelled', 'canceled', 'Cancelled'], [80, 15, 5])
            ELSE gen_weighted(order_id, 'status_spelling', ['returned', 'Returned'], [90, 10])
        END AS status,
        CASE
            WHEN channel = '' THEN NULL
            WHEN gen_u(order_id, 'channel_case') < 0.04 THEN upper(replace(channel, '_', ' ')) || ' '
            ELSE channel
        END AS channel,
        ordered_at + INTERVAL 1 HOUR AS ingested_at
    FROM gen_orders
),
orphans AS (
    SELECT
        (getvariable('scale') * 10 + range) * 1000 AS order_id,
        getvariable('scale') * 10 + range AS customer_id,
        gen_first_day() + to_seconds(CAST(floor(gen_u(range, 'orphan_time') * 86400 * (gen_last_day() - gen_first_day())) AS BIGINT))
            AS ordered_at
    FROM range(1, CAST(ceil(getvariable('scale') * 0.002) AS BIGINT) + 1)
)
SELECT order_id, customer_id, ordered_at, status, channel, ingested_at AS _ingested_at FROM orders
UNION ALL
SELECT order_id, customer_id, ordered_at, status, channel, ingested_at + INTERVAL 1 DAY FROM orders
WHERE gen_u(order_id, 'reloaded') < 0.005
UNION ALL
SELECT order_id, customer_id, ordered_at, 'completed', 'web', ordered_at + INTERVAL 1 HOUR FROM orphans
