-- Exact money arithmetic for the gold models and for notebooks reading them. In DuckDB a DECIMAL divided by
-- anything (and AVG over a DECIMAL) is a DOUBLE, and MEDIAN over DECIMAL(18,2) cuts the half cent off; rounding
-- either afterwards loses cents (2519.95 / 10 became 251.99). These stay in exact decimal arithmetic and round
-- once, to the cent, half away from zero. Amounts are DECIMALs with at most two decimals; counts are integers.

-- amount / n to the cent, half away from zero; NULL when n is 0 or NULL.
CREATE OR REPLACE MACRO gold.money_div(amount, n) AS
    CASE WHEN n <> 0 THEN
        CAST(CAST(sign(amount) * sign(n)
                  * ((abs(CAST(amount * 100 AS HUGEINT)) * 2 + abs(CAST(n AS HUGEINT))) // (2 * abs(CAST(n AS HUGEINT))))
                  AS DECIMAL(18, 0)) * 0.01 AS DECIMAL(18, 2))
    END;

-- The average of the amounts (NULLs left out) to the cent, half away from zero; NULL when there are none.
CREATE OR REPLACE MACRO gold.money_avg(amount) AS gold.money_div(sum(amount), count(amount));

-- The median of the amounts to the cent, half away from zero: the middle of two cents can be a half cent, which
-- MEDIAN over DECIMAL(18,2) would cut off before rounding sees it.
CREATE OR REPLACE MACRO gold.money_median(amount) AS CAST(round(median(CAST(amount AS DECIMAL(18, 3))), 2) AS DECIMAL(18, 2));
