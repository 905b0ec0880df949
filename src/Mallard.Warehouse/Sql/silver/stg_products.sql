-- The product catalogue, one row per product; a category's spelling is its most frequent one.
WITH latest AS (
    SELECT *
    FROM bronze.products
    QUALIFY row_number() OVER (PARTITION BY product_id ORDER BY _ingested_at DESC, hash(product_name, category, list_price)) = 1
),
spellings AS (
    SELECT upper(strip_text(category)) AS category_key, strip_text(category) AS spelling, count(*) AS uses
    FROM latest
    WHERE nullif(strip_text(category), '') IS NOT NULL
    GROUP BY ALL
),
canonical AS (
    SELECT category_key, arg_max(spelling, (uses, spelling)) AS category
    FROM spellings
    GROUP BY category_key
)
SELECT
    l.product_id,
    strip_text(l.product_name) AS product_name,
    coalesce(c.category, 'Uncategorised') AS category,
    CAST(l.list_price AS DECIMAL(12, 2)) AS list_price
FROM latest l
LEFT JOIN canonical c ON c.category_key = upper(strip_text(l.category))
