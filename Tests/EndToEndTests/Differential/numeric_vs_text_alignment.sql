select 1 as int, 'text' as txt, 1.50 as num, 1.5::float8 as flt, true as bool;
select * from (values (1, 'a'), (22, 'bb'), (333, 'ccc'), (-4444, 'dddd')) v(n, s);
select 9223372036854775807 as big, -9223372036854775808 as small, 123.456789012345678901234567890 as precise;
select 'NaN'::numeric as nan, 'Infinity'::float8 as inf, '-Infinity'::float8 as ninf, 0.0 as zero;
select 1::money as m, date '2024-02-29' as d, interval '1 day 2 hours' as i, '12'::text as numeric_looking_text;
select 1e100::float8 as huge, 1.0e-10::float8 as tiny;
