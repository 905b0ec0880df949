-- Customer records as the CRM exports them: stray whitespace, mixed case and missing values,
-- countries spelled every which way, people who signed up twice, and about 1% of records
-- loaded twice (the later load wins).
WITH records AS (
    SELECT
        c.customer_id,
        CASE WHEN gen_u(customer_id, 'first_name_space') < 0.03 THEN ' ' || first_name ELSE first_name END AS first_name,
        CASE WHEN gen_u(customer_id, 'last_name_space') < 0.03 THEN last_name || '  ' ELSE last_name END AS last_name,
        CASE
            WHEN gen_u(customer_id, 'email_missing') < 0.02 THEN NULL
            ELSE (CASE WHEN gen_u(customer_id, 'email_space') < 0.04 THEN '  ' ELSE '' END)
                 || (CASE WHEN is_duplicate OR gen_u(customer_id, 'email_case') < 0.06
                          THEN upper(first_name[1]) || lower(first_name[2:]) || '.' || upper(replace(last_name, '''', ''))
                          ELSE lower(first_name) || '.' || lower(replace(last_name, '''', '')) END)
                 || CAST(person_id AS VARCHAR) || '@' || mail_domain
                 || (CASE WHEN gen_u(customer_id, 'email_space_end') < 0.03 THEN ' ' ELSE '' END)
        END AS email,
        CASE WHEN gen_u(customer_id, 'birth_missing') < 0.05 THEN NULL ELSE birth_date END AS birth_date,
        CASE gender_code
            WHEN 'F' THEN gen_weighted(customer_id, 'gender_spelling', ['F', 'Female', 'female', 'f'], [70, 20, 7, 3])
            WHEN 'M' THEN gen_weighted(customer_id, 'gender_spelling', ['M', 'Male', 'male', 'm'], [70, 20, 7, 3])
            WHEN 'X' THEN gen_weighted(customer_id, 'gender_spelling', ['Non-binary', 'non-binary', 'X'], [60, 20, 20])
            ELSE NULL
        END AS gender,
        CASE
            WHEN gen_u(customer_id, 'country_missing') < 0.01 THEN NULL
            WHEN gen_u(customer_id, 'country_usual') < 0.7 THEN country_spellings[1]
            ELSE gen_pick(customer_id, 'country_spelling', country_spellings)
        END AS country,
        CASE WHEN gen_u(customer_id, 'city_missing') < 0.04 THEN NULL ELSE city END AS city,
        signup_date + to_seconds(CAST(floor(gen_u(customer_id, 'signup_time') * 86400) AS BIGINT)) AS created_at,
        CASE
            WHEN gen_u(customer_id, 'acquisition_missing') < 0.02 THEN NULL
            WHEN gen_u(customer_id, 'acquisition_dirty') < 0.05 THEN upper(replace(acquisition_source, '_', ' '))
            ELSE acquisition_source
        END AS acquisition_source,
        signup_date + INTERVAL 1 DAY AS ingested_at
    FROM gen_customers c
)
SELECT customer_id, first_name, last_name, email, birth_date, gender, country, city, created_at, acquisition_source,
       ingested_at AS _ingested_at
FROM records
UNION ALL
-- The second load of a record: same customer, its email re-typed with different case and spacing.
SELECT customer_id, trim(first_name), trim(last_name), ' ' || upper(trim(email)), birth_date, gender, country, city,
       created_at, acquisition_source, ingested_at + INTERVAL 30 DAY
FROM records
WHERE gen_u(customer_id, 'reloaded') < 0.01
