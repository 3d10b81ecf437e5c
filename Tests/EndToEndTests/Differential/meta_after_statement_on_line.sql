select 1 as a \x
select 2 as b;
\x off
select 3 as c;
