select array[1, 2, 3] as ints, array['a', 'b c', 'd"e'] as texts, '{}'::int[] as empty;
select row(1, 'a', null) as r, (1, 'x')::record as rec;
select '{"a": 1, "b": [1, 2]}'::json as j, '{"b": 2, "a": 1}'::jsonb as jb;
select true as t, false as f, 'yes'::boolean as y;
select '1.2.3.4'::inet as ip, int4range(1, 10) as range, 'a b c'::tsvector as tsv;
select '\x0102ff'::bytea as bin, 'a'::bytea as a;
