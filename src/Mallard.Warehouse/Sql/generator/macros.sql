-- Helpers for the bronze generator. Every pseudo-random value is a pure function of
-- (seed, key, salt): the same seed and scale give the same rows whatever the thread count
-- or the order rows are produced in. random() is never used.
-- hash() combines its arguments weakly (values for different salts correlate), so the
-- combined hash is hashed again before it is turned into a number.

-- Uniform in [0, 1).
CREATE OR REPLACE TEMP MACRO gen_u(key, salt) AS
    hash(hash(getvariable('seed'), key, salt))::DOUBLE / 18446744073709551616.0;

-- Standard normal (Box-Muller over two independent uniforms).
CREATE OR REPLACE TEMP MACRO gen_normal(key, salt) AS
    sqrt(-2.0 * ln(greatest(gen_u(key, salt || '#a'), 1e-12))) * cos(2.0 * pi() * gen_u(key, salt || '#b'));

-- Exponential with the given mean.
CREATE OR REPLACE TEMP MACRO gen_exp(key, salt, mean) AS
    -ln(greatest(1.0 - gen_u(key, salt), 1e-12)) * mean;

-- A uniformly chosen element of a list.
CREATE OR REPLACE TEMP MACRO gen_pick(key, salt, items) AS
    items[1 + CAST(floor(gen_u(key, salt) * len(items)) AS INTEGER)];

-- A weighted choice: items[i] with probability weights[i] / sum(weights), for whole-number weights.
-- The expanded list depends on constants only, so DuckDB folds it once per query.
CREATE OR REPLACE TEMP MACRO gen_weighted(key, salt, items, weights) AS
    gen_pick(key, salt, flatten(list_transform(items, (item, i) -> list_transform(range(weights[i]), _ -> item))));

-- The sample's calendar: signups from the first day, facts up to the last day.
CREATE OR REPLACE TEMP MACRO gen_first_day() AS DATE '2021-01-01';
CREATE OR REPLACE TEMP MACRO gen_last_day() AS DATE '2025-06-30';

-- The product catalogue: a category and a list price that depend on the product id only, so
-- products and order lines agree without a join.
CREATE OR REPLACE TEMP MACRO gen_product_category(product_id) AS
    ['Electronics', 'Home & Kitchen', 'Apparel', 'Beauty', 'Sports & Outdoors', 'Toys & Games',
     'Books', 'Grocery', 'Jewelry', 'Furniture', 'Pet Supplies', 'Office'][1 + (product_id - 1) % 12];
CREATE OR REPLACE TEMP MACRO gen_product_price(product_id) AS
    CAST(greatest(1.99, round(
        [180.0, 60.0, 45.0, 28.0, 70.0, 35.0, 18.0, 12.0, 220.0, 260.0, 30.0, 25.0][1 + (product_id - 1) % 12]
        * exp(0.55 * gen_normal(product_id, 'price')), 0) - 0.01) AS DECIMAL(10, 2));
CREATE OR REPLACE TEMP MACRO gen_product_count() AS 240;
