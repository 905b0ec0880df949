-- The latent orders: one per purchase slot of each customer, dated between the first order and
-- the end of the customer's active span. Gaps widen with each repeat purchase (decay), and
-- slots that fall outside the holiday season are thinned out (seasonality).
-- Order ids are customer_id * 1000 + slot: unique, and the same whatever the thread count.
CREATE OR REPLACE TEMP TABLE gen_orders AS
WITH slots AS (
    SELECT customer_id, first_order_date, span_days, order_slots, spend_factor, late_propensity,
           unnest(range(order_slots)) AS slot
    FROM gen_customers
    WHERE order_slots > 0
),
dated AS (
    SELECT
        customer_id * 1000 + slot AS order_id,
        customer_id, slot, spend_factor, late_propensity,
        CASE WHEN slot = 0 THEN first_order_date
             ELSE first_order_date + CAST(floor(span_days
                  * pow((slot + gen_u(customer_id * 1000 + slot, 'order_jitter')) / order_slots, 1.6)) AS INTEGER)
        END AS order_date
    FROM slots
)
SELECT
    order_id,
    customer_id,
    order_date,
    order_date + to_seconds(CAST(floor(gen_u(order_id, 'order_time') * 86400) AS BIGINT)) AS ordered_at,
    gen_weighted(order_id, 'status', ['completed', 'cancelled', 'returned'], [87, 7, 6]) AS status,
    gen_weighted(order_id, 'channel', ['web', 'mobile_app', 'marketplace', 'phone', ''], [45, 35, 12, 5, 3]) AS channel,
    CAST(1 + least(9, floor(gen_exp(order_id, 'lines', 0.9))) AS INTEGER) AS line_count,
    spend_factor,
    late_propensity
FROM dated
WHERE slot = 0
   OR gen_u(order_id, 'season') < [0.70, 0.62, 0.70, 0.72, 0.75, 0.72, 0.70, 0.74, 0.78, 0.84, 1.0, 0.98][month(order_date)];
