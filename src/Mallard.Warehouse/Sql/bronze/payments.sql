-- One invoice per completed or returned order, due 30 days after the order. Chronically late
-- customers pay late more often; 2% of payments fail.
WITH totals AS (
    SELECT order_id, sum(quantity * unit_price - discount_amount) AS amount
    FROM bronze.order_items
    GROUP BY order_id
),
invoices AS (
    SELECT
        o.order_id,
        o.order_date,
        o.late_propensity,
        t.amount,
        o.order_date + 30 AS due_date,
        CASE
            WHEN gen_u(o.order_id, 'payment_fails') < 0.02 THEN 'failed'
            WHEN gen_u(o.order_id, 'payment_late') < o.late_propensity THEN 'late'
            ELSE 'on_time'
        END AS outcome
    FROM gen_orders o
    JOIN totals t USING (order_id)
    WHERE o.status IN ('completed', 'returned')
)
SELECT
    order_id * 10 + 1 AS payment_id,
    order_id,
    amount,
    gen_weighted(order_id, 'method', ['credit_card', 'paypal', 'debit_card', 'bank_transfer', 'gift_card', 'Credit Card'],
                 [50, 20, 12, 8, 5, 5]) AS method,
    due_date,
    CASE outcome
        WHEN 'failed' THEN NULL
        WHEN 'late' THEN due_date + 1 + CAST(floor(gen_exp(order_id, 'days_late', 12)) AS INTEGER)
        ELSE order_date + CAST(floor(gen_u(order_id, 'days_to_pay') * 30) AS INTEGER)
    END + to_seconds(CAST(floor(gen_u(order_id, 'paid_time') * 86400) AS BIGINT)) AS paid_at,
    CASE outcome
        WHEN 'failed' THEN gen_weighted(order_id, 'status_spelling', ['failed', 'FAILED'], [85, 15])
        WHEN 'late' THEN gen_weighted(order_id, 'status_spelling', ['late', 'Late', 'LATE '], [80, 15, 5])
        ELSE gen_weighted(order_id, 'status_spelling', ['on_time', 'On Time', 'on time'], [85, 10, 5])
    END AS status,
    due_date + INTERVAL 1 DAY AS _ingested_at
FROM invoices
