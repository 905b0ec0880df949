-- Order lines: popular products sell most, big spenders buy more of them, and the holiday
-- season brings discounts. Line ids are order_id * 10 + line.
WITH lines AS (
    SELECT order_id, order_date, spend_factor, unnest(range(line_count)) AS line
    FROM gen_orders
),
priced AS (
    SELECT
        order_id * 10 + line AS order_item_id,
        order_id,
        order_date,
        1 + CAST(floor(pow(gen_u(order_id * 10 + line, 'product'), 1.7) * gen_product_count()) AS BIGINT) AS product_id,
        CAST(1 + least(11, floor(gen_exp(order_id * 10 + line, 'quantity', 0.25 * spend_factor))) AS INTEGER) AS quantity,
        CASE
            WHEN month(order_date) IN (11, 12) AND gen_u(order_id * 10 + line, 'discounted') < 0.35
                THEN 0.10 + 0.20 * gen_u(order_id * 10 + line, 'discount')
            WHEN gen_u(order_id * 10 + line, 'discounted') < 0.08
                THEN 0.05 + 0.10 * gen_u(order_id * 10 + line, 'discount')
            ELSE 0
        END AS discount_rate
    FROM lines
)
SELECT
    order_item_id,
    order_id,
    product_id,
    quantity,
    gen_product_price(product_id) AS unit_price,
    CAST(round(quantity * gen_product_price(product_id) * discount_rate, 2) AS DECIMAL(10, 2)) AS discount_amount,
    order_date + INTERVAL 1 DAY AS _ingested_at
FROM priced
