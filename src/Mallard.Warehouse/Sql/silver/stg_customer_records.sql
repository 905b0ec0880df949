-- One row per CRM record signed up by the as_of date: the latest load of each record, typed and
-- cleaned, with the customer it belongs to. Records that share an email address are one person who
-- signed up more than once; the earliest signup's id becomes the customer_id of all of them. Records
-- signed up after as_of are left out before anything is merged, so nothing of them reaches silver.
-- Most records are loaded once: only the ids loaded more than once need ranking to find their latest load.
WITH reloaded AS (
    SELECT customer_id FROM bronze.customers GROUP BY customer_id HAVING count(*) > 1
),
latest AS (
    SELECT c.* FROM bronze.customers c ANTI JOIN reloaded r ON r.customer_id IS NOT DISTINCT FROM c.customer_id
    UNION ALL
    SELECT c.* FROM bronze.customers c SEMI JOIN reloaded r ON r.customer_id IS NOT DISTINCT FROM c.customer_id
    QUALIFY row_number() OVER (
        PARTITION BY customer_id
        ORDER BY _ingested_at DESC,
                 hash(first_name, last_name, email, birth_date, gender, country, city, created_at, acquisition_source)) = 1
),
country_spellings AS (
    SELECT country_code, upper(replace(strip_text(spelling), '.', '')) AS spelling_key
    FROM (SELECT country_code, unnest(list_append(aliases, country_code)) AS spelling FROM silver.ref_countries)
),
cleaned AS (
    SELECT
        l.customer_id AS source_customer_id,
        nullif(regexp_replace(strip_text(l.first_name), '\s+', ' ', 'g'), '') AS first_name,
        nullif(regexp_replace(strip_text(l.last_name), '\s+', ' ', 'g'), '') AS last_name,
        CASE WHEN regexp_full_match(lower(strip_text(l.email)), '[^@\s]+@[^@\s]+\.[^@\s]+') THEN lower(strip_text(l.email)) END AS email,
        l.birth_date,
        CASE lower(strip_text(l.gender))
            WHEN 'f' THEN 'Female' WHEN 'female' THEN 'Female'
            WHEN 'm' THEN 'Male' WHEN 'male' THEN 'Male'
            WHEN 'x' THEN 'Non-binary' WHEN 'non-binary' THEN 'Non-binary' WHEN 'nonbinary' THEN 'Non-binary'
            ELSE 'Unknown'
        END AS gender,
        s.country_code,
        nullif(strip_text(l.country), '') AS source_country,
        nullif(regexp_replace(strip_text(l.city), '\s+', ' ', 'g'), '') AS city,
        CAST(l.created_at AS DATE) AS signup_date,
        CASE
            WHEN replace(replace(lower(strip_text(l.acquisition_source)), ' ', '_'), '-', '_')
                 IN ('organic', 'referral', 'paid_search', 'social_media', 'email', 'affiliate')
                THEN replace(replace(lower(strip_text(l.acquisition_source)), ' ', '_'), '-', '_')
            ELSE 'unknown'
        END AS acquisition_source
    FROM latest l
    LEFT JOIN country_spellings s ON s.spelling_key = upper(replace(strip_text(l.country), '.', ''))
    WHERE CAST(l.created_at AS DATE) <= getvariable('as_of')
)
SELECT
    source_customer_id,
    first_value(source_customer_id) OVER person AS customer_id,
    row_number() OVER person AS record_rank,
    first_name, last_name, email, birth_date, gender, country_code, source_country, city, signup_date, acquisition_source
FROM cleaned
WINDOW person AS (PARTITION BY coalesce(email, '#' || CAST(source_customer_id AS VARCHAR)) ORDER BY signup_date, source_customer_id)
