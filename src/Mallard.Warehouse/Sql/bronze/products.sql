-- The product catalogue as the shop system exports it.
SELECT
    range AS product_id,
    gen_pick(range, 'adjective', ['Classic', 'Essential', 'Premium', 'Eco', 'Compact', 'Pro', 'Everyday', 'Deluxe'])
        || ' ' || gen_product_category(range) || ' Item ' || CAST(range AS VARCHAR) AS product_name,
    CASE WHEN gen_u(range, 'category_case') < 0.1 THEN upper(gen_product_category(range)) || ' '
         ELSE gen_product_category(range) END AS category,
    gen_product_price(range) AS list_price,
    gen_first_day()::TIMESTAMP AS _ingested_at
FROM range(1, gen_product_count() + 1)
