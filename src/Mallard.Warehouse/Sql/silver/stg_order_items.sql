-- One row per order line of a kept order, with its net amount.
-- Most records are loaded once: only the ids loaded more than once need ranking to find their latest load.
WITH reloaded AS (
    SELECT order_item_id FROM bronze.order_items GROUP BY order_item_id HAVING count(*) > 1
),
latest AS (
    SELECT i.* FROM bronze.order_items i ANTI JOIN reloaded r ON r.order_item_id IS NOT DISTINCT FROM i.order_item_id
    UNION ALL
    SELECT i.* FROM bronze.order_items i SEMI JOIN reloaded r ON r.order_item_id IS NOT DISTINCT FROM i.order_item_id
    QUALIFY row_number() OVER (PARTITION BY order_item_id ORDER BY _ingested_at DESC, hash(order_id, product_id, quantity, unit_price, discount_amount)) = 1
)
SELECT
    i.order_item_id,
    i.order_id,
    i.product_id,
    i.quantity,
    CAST(i.unit_price AS DECIMAL(12, 2)) AS unit_price,
    CAST(coalesce(i.discount_amount, 0) AS DECIMAL(12, 2)) AS discount_amount,
    CAST(i.quantity * i.unit_price AS DECIMAL(14, 2)) AS gross_amount,
    CAST(i.quantity * i.unit_price - coalesce(i.discount_amount, 0) AS DECIMAL(14, 2)) AS line_amount
FROM latest i
SEMI JOIN silver.stg_orders o ON o.order_id = i.order_id
