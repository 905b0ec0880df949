-- The gold money functions on PostgreSQL: what Sql/gold/money.sql is to DuckDB, with the same results to the cent, so
-- the notebooks' SQL runs unchanged on a published warehouse. `mallard warehouse publish` creates them in the gold
-- schema it publishes (the schema being built comes first on the search path, so the names here are unqualified).
-- PostgreSQL's numeric is exact and its round(numeric) rounds half away from zero, as DuckDB's casts to HUGEINT and
-- round(DECIMAL) do, and the arithmetic is the DuckDB versions' step for step.
-- Each body stands alone: a function's text is resolved when it runs, and the schema is renamed after it is made.

-- amount / n to the cent, half away from zero; NULL when n is 0 or NULL.
CREATE FUNCTION money_div(amount numeric, n numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN n <> 0 THEN
        CAST(sign(amount) * sign(n) * div(abs(round(amount * 100)) * 2 + abs(round(n)), 2 * abs(round(n))) * 0.01 AS numeric(18, 2))
    END
$$;

-- money_avg(amount): the sum and count of the amounts so far (NULLs are left out: the step function is strict).
CREATE FUNCTION money_avg_step(state numeric[], amount numeric) RETURNS numeric[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY[state[1] + amount, state[2] + 1]
$$;

-- The average of the amounts to the cent, half away from zero (money_div of the sum by the count); NULL when there are none.
CREATE FUNCTION money_avg_final(state numeric[]) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN state[2] <> 0 THEN
        CAST(sign(state[1]) * div(abs(round(state[1] * 100)) * 2 + state[2], 2 * state[2]) * 0.01 AS numeric(18, 2))
    END
$$;

CREATE AGGREGATE money_avg(numeric) (
    SFUNC = money_avg_step,
    STYPE = numeric[],
    FINALFUNC = money_avg_final,
    INITCOND = '{0,0}'
);

-- The median to the cent, half away from zero: the middle amount, or the exact mean of the two middle ones (which can
-- be a half cent) rounded once; NULL when there are none. The aggregate collects the amounts with the built-in
-- array_append, which PostgreSQL extends in place (a step function of SQL would copy the array at every row); NULLs are
-- left out here.
CREATE FUNCTION money_median_final(state numeric[]) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CAST(round((sorted[(n + 1) / 2] + sorted[n / 2 + 1]) / 2, 2) AS numeric(18, 2))
    FROM (SELECT array_agg(v ORDER BY v) AS sorted, CAST(count(*) AS integer) AS n FROM unnest(state) AS v WHERE v IS NOT NULL) AS amounts
$$;

CREATE AGGREGATE money_median(numeric) (
    SFUNC = array_append,
    STYPE = numeric[],
    FINALFUNC = money_median_final,
    INITCOND = '{}'
);
