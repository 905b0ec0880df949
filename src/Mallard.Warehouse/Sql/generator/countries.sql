-- Where customers live, how often, and the ways source systems spell each country.
-- The first spelling is the usual one; the others are the dirt silver has to clean.
CREATE OR REPLACE TEMP TABLE gen_countries AS
SELECT * FROM (VALUES
    ('US', 30, ['US', 'USA', 'United States', 'us', 'U.S.', 'United States of America', ' usa '],
        ['New York', 'Los Angeles', 'Chicago', 'Houston', 'Seattle', 'Austin', 'Boston', 'Denver']),
    ('GB', 10, ['GB', 'UK', 'United Kingdom', 'Great Britain', 'gb', 'england'],
        ['London', 'Manchester', 'Birmingham', 'Leeds', 'Glasgow', 'Bristol']),
    ('DE', 8, ['DE', 'Germany', 'DEU', 'Deutschland', 'germany'], ['Berlin', 'Munich', 'Hamburg', 'Cologne', 'Frankfurt']),
    ('FR', 7, ['FR', 'France', 'FRA', 'france'], ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Lille']),
    ('CA', 6, ['CA', 'Canada', 'CAN', 'canada'], ['Toronto', 'Vancouver', 'Montreal', 'Calgary', 'Ottawa']),
    ('IN', 6, ['IN', 'India', 'IND', 'india'], ['Mumbai', 'Delhi', 'Bengaluru', 'Hyderabad', 'Chennai', 'Pune']),
    ('ES', 5, ['ES', 'Spain', 'SPAIN', 'es', 'ESP', 'España'], ['Madrid', 'Barcelona', 'Valencia', 'Seville', 'Bilbao']),
    ('AU', 4, ['AU', 'Australia', 'AUS', 'australia'], ['Sydney', 'Melbourne', 'Brisbane', 'Perth']),
    ('BR', 4, ['BR', 'Brazil', 'Brasil', 'BRA'], ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba']),
    ('MX', 3, ['MX', 'Mexico', 'MEXICO', 'México', 'MEX'], ['Mexico City', 'Guadalajara', 'Monterrey', 'Puebla']),
    ('NL', 3, ['NL', 'Netherlands', 'The Netherlands', 'Holland', 'NLD'], ['Amsterdam', 'Rotterdam', 'Utrecht', 'The Hague']),
    ('IT', 3, ['IT', 'Italy', 'ITA', 'Italia'], ['Rome', 'Milan', 'Naples', 'Turin', 'Florence']),
    ('JP', 3, ['JP', 'Japan', 'JPN', 'japan'], ['Tokyo', 'Osaka', 'Yokohama', 'Nagoya', 'Sapporo']),
    ('KR', 2, ['KR', 'South Korea', 'SOUTH KOREA', 'Korea, Republic of', 'KOR'], ['Seoul', 'Busan', 'Incheon']),
    ('SG', 2, ['SG', 'Singapore', 'SINGAPORE', 'SGP'], ['Singapore']),
    ('IE', 2, ['IE', 'Ireland', 'IRELAND', 'IRL', 'Eire'], ['Dublin', 'Cork', 'Galway']),
    ('SE', 2, ['SE', 'Sweden', 'SWE', 'sweden'], ['Stockholm', 'Gothenburg', 'Malmö']),
    ('PL', 2, ['PL', 'Poland', 'POL', 'Polska'], ['Warsaw', 'Kraków', 'Wrocław', 'Gdańsk']),
    ('ZA', 2, ['ZA', 'South Africa', 'ZAF', 'RSA'], ['Johannesburg', 'Cape Town', 'Durban']),
    ('AE', 2, ['AE', 'United Arab Emirates', 'UAE', 'ARE'], ['Dubai', 'Abu Dhabi', 'Sharjah']),
    ('NZ', 1, ['NZ', 'New Zealand', 'NZL', 'new zealand'], ['Auckland', 'Wellington', 'Christchurch']),
    ('AR', 1, ['AR', 'Argentina', 'ARG'], ['Buenos Aires', 'Córdoba', 'Rosario'])
) AS t(country_code, weight, spellings, cities);

-- One slot per unit of weight, so a uniform index picks a country with the right frequency.
SET VARIABLE gen_country_slots = (
    SELECT flatten(list(list_transform(range(weight), _ -> country_code) ORDER BY country_code))
    FROM gen_countries);
