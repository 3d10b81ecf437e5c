select 1;
select 1 as one, 'two' as two, 2.5 as "two and a half";
select 'hello' as greeting, 42 as answer
union all select 'bye', -7;
values (1, 'a'), (2, 'b'), (3, 'c');
