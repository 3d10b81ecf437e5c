select 1 as before;
\q
select 2 as never;
