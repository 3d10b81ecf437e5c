\timing off
select 1 as a;
\timing off
select 2 as b;
