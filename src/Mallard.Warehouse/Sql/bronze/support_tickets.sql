-- Support tickets: busier and late-paying customers write more. Urgent tickets are solved
-- faster; slow resolutions earn poor satisfaction scores, when the customer answers at all.
WITH counts AS (
    SELECT customer_id, signup_date, late_propensity,
           CAST(least(40, floor(gen_exp(customer_id, 'ticket_count', 0.2 + 0.03 * least(order_slots, 30))
                                * (1 + 2 * late_propensity))) AS INTEGER) AS ticket_count
    FROM gen_customers
),
tickets AS (
    SELECT customer_id * 100 + n AS ticket_id, customer_id, signup_date, late_propensity
    FROM (SELECT *, unnest(range(ticket_count)) AS n FROM counts WHERE ticket_count > 0)
),
opened AS (
    SELECT
        ticket_id,
        customer_id,
        signup_date + CAST(floor(gen_u(ticket_id, 'opened') * (gen_last_day() - signup_date + 1)) AS INTEGER)
            + to_seconds(CAST(floor(gen_u(ticket_id, 'opened_time') * 86400) AS BIGINT)) AS opened_at,
        CASE WHEN gen_u(ticket_id, 'billing') < late_propensity THEN 'billing'
             ELSE gen_weighted(ticket_id, 'category', ['delivery', 'product_quality', 'refund', 'billing', 'account', 'other'],
                               [30, 20, 15, 10, 15, 10]) END AS category,
        gen_weighted(ticket_id, 'priority', ['low', 'medium', 'high', 'urgent'], [35, 40, 18, 7]) AS priority
    FROM tickets
),
resolved AS (
    SELECT
        o.*,
        gen_exp(ticket_id, 'resolution_hours', CASE priority WHEN 'urgent' THEN 6 WHEN 'high' THEN 18 WHEN 'medium' THEN 40 ELSE 70 END)
            AS resolution_hours
    FROM opened o
)
SELECT
    ticket_id,
    customer_id,
    opened_at,
    CASE WHEN gen_u(ticket_id, 'category_case') < 0.05 THEN upper(category) ELSE category END AS category,
    CASE WHEN gen_u(ticket_id, 'priority_missing') < 0.03 THEN NULL ELSE priority END AS priority,
    CASE WHEN gen_u(ticket_id, 'abandoned') < 0.03
              OR opened_at + to_seconds(CAST(resolution_hours * 3600 AS BIGINT)) > gen_last_day() + INTERVAL 1 DAY
         THEN NULL
         ELSE opened_at + to_seconds(CAST(resolution_hours * 3600 AS BIGINT)) END AS resolved_at,
    CASE WHEN gen_u(ticket_id, 'survey_answered') < 0.35 THEN NULL
         ELSE CAST(greatest(1, least(5, 5 - floor(resolution_hours / 48)
                                     - CASE WHEN gen_u(ticket_id, 'grumpy') < 0.2 THEN 1 ELSE 0 END)) AS INTEGER) END AS satisfaction_score,
    opened_at + INTERVAL 2 HOUR AS _ingested_at
FROM resolved
