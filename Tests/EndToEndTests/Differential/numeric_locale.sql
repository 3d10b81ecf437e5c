-- \pset numericlocale on groups digits in numeric columns in every format, as psql does (C locale: ',').
\pset numericlocale on
select 1234567.89 as n, -1234 as i, 12 as small, 123 as three, 1234 as four, '1234567'::text as t, 1e10::float8 as f, 12345.6789e3::numeric as e, null::int as nul, '$1,234.00'::money as m, 100000000000::bigint as big;
\x on
select 1234567.89 as n;
\x off
\a
select 1234567.89 as n, 'x' as s;
\a
\pset format csv
select 1234567.89 as n, 'x' as s;
\pset format html
select 1234567 as n;
