-- The latent customer population: who each source record is, and how it behaves. Bronze tables
-- are projections of this (with dirt added); nothing here is visible in the warehouse.
--
-- Records 1..scale are distinct people. About 2% more records (ids above scale) are the same
-- person signing up again: same name and mailbox, later signup date, its own orders.
CREATE OR REPLACE TEMP TABLE gen_customers AS
WITH records AS (
    SELECT range AS customer_id, range AS person_id, false AS is_duplicate
    FROM range(1, getvariable('scale') + 1)
    UNION ALL
    SELECT getvariable('scale') + range AS customer_id,
           1 + CAST(floor(gen_u(getvariable('scale') + range, 'duplicate_of') * getvariable('scale')) AS BIGINT) AS person_id,
           true AS is_duplicate
    FROM range(1, CAST(floor(getvariable('scale') * 0.02) AS BIGINT) + 1)
),
people AS (
    SELECT
        customer_id,
        person_id,
        is_duplicate,
        gen_pick(person_id, 'first_name', [
            'Alice', 'Noah', 'Emma', 'Liam', 'Olivia', 'Mateo', 'Sofia', 'Lucas', 'Mia', 'Hugo',
            'Amara', 'Kenji', 'Priya', 'Arjun', 'Chloe', 'Ethan', 'Zara', 'Omar', 'Leila', 'Ivan',
            'Hannah', 'Jonas', 'Ingrid', 'Marco', 'Giulia', 'Yuki', 'Min-jun', 'Seo-yeon', 'Carlos', 'Ana',
            'Thabo', 'Nia', 'Wei', 'Mei', 'Rafael', 'Beatriz', 'Sean', 'Aoife', 'Lars', 'Freya',
            'Daniel', 'Grace', 'Samuel', 'Ava', 'Tomás', 'Lucía', 'Kofi', 'Aisha', 'Pierre', 'Camille']) AS first_name,
        gen_pick(person_id, 'last_name', [
            'Johnson', 'Garcia', 'Smith', 'Müller', 'Dupont', 'Kim', 'Patel', 'Kumar', 'Martinez', 'Rossi',
            'Tanaka', 'Nguyen', 'O''Brien', 'Berg', 'Silva', 'Santos', 'Kowalski', 'Jansen', 'Andersson', 'Brown',
            'Wilson', 'Lee', 'Chen', 'Singh', 'Murphy', 'Fischer', 'Moreau', 'Lopez', 'Hernández', 'Sato',
            'Park', 'Cohen', 'Nkosi', 'Okafor', 'Haddad', 'Ivanova', 'Novak', 'Walsh', 'Taylor', 'Davies']) AS last_name,
        gen_weighted(person_id, 'mail_domain', ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'example.org'],
                     [45, 20, 12, 12, 4, 7]) AS mail_domain,
        -- Ages lean towards 25-45: the sum of two uniforms peaks in the middle of the range.
        gen_last_day() - CAST(floor((18 + 31 * (gen_u(person_id, 'age_a') + gen_u(person_id, 'age_b'))) * 365.25) AS INTEGER)
            AS birth_date,
        gen_weighted(person_id, 'gender', ['F', 'M', 'X', '?'], [48, 47, 2, 3]) AS gender_code,
        gen_pick(person_id, 'country', getvariable('gen_country_slots')) AS country_code,
        -- Signups grow over time: the density of sqrt(u) rises linearly across the sample.
        gen_first_day() + CAST(floor(sqrt(gen_u(person_id, 'signup')) * (gen_last_day() - gen_first_day() + 1)) AS INTEGER)
            AS person_signup_date
    FROM records
),
signed_up AS (
    SELECT
        p.*,
        CASE WHEN is_duplicate
            THEN least(gen_last_day(), person_signup_date + 1 + CAST(floor(gen_exp(customer_id, 'duplicate_delay', 120)) AS INTEGER))
            ELSE person_signup_date END AS signup_date,
        gen_weighted(customer_id, 'acquisition', ['organic', 'referral', 'paid_search', 'social_media', 'email', 'affiliate'],
                     [35, 15, 18, 15, 10, 7]) AS acquisition_source,
        gen_u(customer_id, 'never_orders') < 0.22 AS never_orders,
        -- Churn: most customers stop after an exponential lifetime; a loyal few never do.
        CASE WHEN gen_u(customer_id, 'loyal') < 0.15 THEN 100000 ELSE gen_exp(customer_id, 'lifetime', 420) END AS lifetime_days,
        -- Purchase rate per 30 days, log-normal: most buy now and then, a few buy all the time.
        exp(0.1 + 0.95 * gen_normal(customer_id, 'order_rate')) AS monthly_rate,
        -- How much a customer buys per line, log-normal around 1.
        exp(0.5 * gen_normal(customer_id, 'spend')) AS spend_factor,
        -- Most customers pay on time; a few are chronically late.
        0.6 * pow(gen_u(customer_id, 'late'), 4) AS late_propensity
    FROM people p
),
active AS (
    SELECT
        s.*,
        signup_date + CAST(floor(gen_exp(customer_id, 'first_order_delay', 21)) AS INTEGER) AS first_order_date
    FROM signed_up s
),
spans AS (
    SELECT
        a.*,
        greatest(0, least(lifetime_days, gen_last_day() - first_order_date)) AS span_days
    FROM active a
)
SELECT
    customer_id, person_id, is_duplicate, first_name, last_name, mail_domain, birth_date, gender_code,
    g.country_code, gen_pick(customer_id, 'city', g.cities) AS city, g.spellings AS country_spellings,
    signup_date, acquisition_source, first_order_date, span_days, spend_factor, late_propensity,
    CASE WHEN never_orders OR first_order_date > gen_last_day() THEN 0
         ELSE CAST(least(300, 1 + floor(monthly_rate * span_days / 30.0)) AS INTEGER) END AS order_slots
FROM spans
JOIN gen_countries g USING (country_code);
