select 1 as a, 'x' as b;
\x
select 1 as a, 'x' as b;
select * from (values (1, 'one'), (2, E'two\nlines')) v(n, t);
\x off
select 2 as c;
\x on
select;
select 1 where false;
\x
select 3 as d;
