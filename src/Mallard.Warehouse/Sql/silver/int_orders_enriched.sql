-- One row per kept order with its lines summed: items, gross, discount and net amount.
WITH lines AS (
    SELECT
        order_id,
        count(*) AS line_count,
        sum(quantity) AS item_count,
        sum(gross_amount) AS gross_amount,
        sum(discount_amount) AS discount_amount,
        sum(line_amount) AS order_amount
    FROM silver.stg_order_items
    GROUP BY order_id
)
SELECT
    o.order_id,
    o.customer_id,
    o.ordered_at,
    o.order_date,
    CAST(date_trunc('month', o.order_date) AS DATE) AS order_month,
    o.status,
    o.channel,
    coalesce(l.line_count, 0) AS line_count,
    CAST(coalesce(l.item_count, 0) AS BIGINT) AS item_count,
    CAST(coalesce(l.gross_amount, 0) AS DECIMAL(18, 2)) AS gross_amount,
    CAST(coalesce(l.discount_amount, 0) AS DECIMAL(18, 2)) AS discount_amount,
    CAST(coalesce(l.order_amount, 0) AS DECIMAL(18, 2)) AS order_amount
FROM silver.stg_orders o
LEFT JOIN lines l USING (order_id)
