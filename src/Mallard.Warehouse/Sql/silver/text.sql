-- Source text is cleaned of every kind of surrounding whitespace: DuckDB's trim() removes spaces only, so a tab or
-- a line break around a name or an email would survive it (and an email with one would fail validation). A macro of
-- the build's connection only: it is not kept in the warehouse.
CREATE OR REPLACE TEMP MACRO strip_text(s) AS trim(s, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13));
