-- ISO 3166-1 alpha-2 codes with a display name, a sales region and the spellings source
-- systems use for them. Spellings are compared after trimming, upper-casing and removing dots.
SELECT country_code, country_name, region, aliases
FROM (VALUES
    ('US', 'United States', 'North America', ['USA', 'United States', 'United States of America', 'US of A', 'America']),
    ('CA', 'Canada', 'North America', ['CAN', 'Canada']),
    ('MX', 'Mexico', 'Latin America', ['MEX', 'Mexico', 'México']),
    ('BR', 'Brazil', 'Latin America', ['BRA', 'Brazil', 'Brasil']),
    ('AR', 'Argentina', 'Latin America', ['ARG', 'Argentina']),
    ('GB', 'United Kingdom', 'Europe', ['GBR', 'UK', 'United Kingdom', 'Great Britain', 'England', 'Scotland', 'Wales']),
    ('IE', 'Ireland', 'Europe', ['IRL', 'Ireland', 'Eire', 'Éire']),
    ('DE', 'Germany', 'Europe', ['DEU', 'Germany', 'Deutschland']),
    ('FR', 'France', 'Europe', ['FRA', 'France']),
    ('ES', 'Spain', 'Europe', ['ESP', 'Spain', 'España', 'Espana']),
    ('IT', 'Italy', 'Europe', ['ITA', 'Italy', 'Italia']),
    ('NL', 'Netherlands', 'Europe', ['NLD', 'Netherlands', 'The Netherlands', 'Holland']),
    ('SE', 'Sweden', 'Europe', ['SWE', 'Sweden', 'Sverige']),
    ('PL', 'Poland', 'Europe', ['POL', 'Poland', 'Polska']),
    ('IN', 'India', 'Asia Pacific', ['IND', 'India']),
    ('JP', 'Japan', 'Asia Pacific', ['JPN', 'Japan']),
    ('KR', 'South Korea', 'Asia Pacific', ['KOR', 'South Korea', 'Korea', 'Korea, Republic of', 'Republic of Korea']),
    ('SG', 'Singapore', 'Asia Pacific', ['SGP', 'Singapore']),
    ('AU', 'Australia', 'Asia Pacific', ['AUS', 'Australia']),
    ('NZ', 'New Zealand', 'Asia Pacific', ['NZL', 'New Zealand']),
    ('AE', 'United Arab Emirates', 'Middle East & Africa', ['ARE', 'UAE', 'United Arab Emirates', 'Emirates']),
    ('ZA', 'South Africa', 'Middle East & Africa', ['ZAF', 'RSA', 'South Africa'])
) AS t(country_code, country_name, region, aliases)
