select 1 as ok;
select 1,
       2,
       3 from from
  where true;
select 2 as still_running;
select
  1 +
  + * 2;
