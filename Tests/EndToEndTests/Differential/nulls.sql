select null as n;
select null::int as i, null::text as t, '' as empty, 'x' as x;
select * from (values (1, null), (null, 'b'), (null, null)) v(a, b);
select null is null as is_null, coalesce(null, 'fallback') as c;
select array[1, null, 3] as arr;
