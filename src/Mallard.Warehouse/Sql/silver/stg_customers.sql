-- One row per customer (person) who had signed up by the as_of date. Attributes come from the
-- customer's first record; a missing value is filled from a later record when one has it (only
-- records signed up by as_of: stg_customer_records holds no others).
WITH people AS (
    SELECT
        customer_id,
        arg_min(first_name, record_rank) FILTER (WHERE first_name IS NOT NULL) AS first_name,
        arg_min(last_name, record_rank) FILTER (WHERE last_name IS NOT NULL) AS last_name,
        arg_min(email, record_rank) FILTER (WHERE email IS NOT NULL) AS email,
        arg_min(birth_date, record_rank) FILTER (WHERE birth_date IS NOT NULL) AS birth_date,
        coalesce(arg_min(gender, record_rank) FILTER (WHERE gender <> 'Unknown'), 'Unknown') AS gender,
        arg_min(country_code, record_rank) FILTER (WHERE country_code IS NOT NULL) AS country_code,
        arg_min(city, record_rank) FILTER (WHERE city IS NOT NULL) AS city,
        min(signup_date) AS signup_date,
        coalesce(arg_min(acquisition_source, record_rank) FILTER (WHERE acquisition_source <> 'unknown'), 'unknown') AS acquisition_source,
        count(*) AS source_records
    FROM silver.stg_customer_records
    GROUP BY customer_id
)
SELECT
    p.customer_id,
    p.first_name,
    p.last_name,
    nullif(concat_ws(' ', p.first_name, p.last_name), '') AS full_name,
    p.email,
    -- A birth date after signup or more than 110 years back is a typing error, not a customer.
    CASE WHEN p.birth_date <= p.signup_date AND p.birth_date > p.signup_date - INTERVAL 110 YEAR THEN p.birth_date END AS birth_date,
    p.gender,
    p.country_code,
    r.country_name,
    coalesce(r.region, 'Unknown') AS region,
    p.city,
    p.signup_date,
    p.acquisition_source,
    p.source_records
FROM people p
LEFT JOIN silver.ref_countries r USING (country_code)
