select 1 as ok;
select (1 + 2;
select 3;
