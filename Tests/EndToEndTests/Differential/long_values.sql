select repeat('x', 300) as long_text, 1 as n;
select repeat('ab', 50) as a, repeat('c', 120) as b;
select string_agg(g::text, ',') as joined from generate_series(1, 200) g;
