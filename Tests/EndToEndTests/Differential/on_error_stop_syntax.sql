-- flags: -v ON_ERROR_STOP=1
select 'before' as b;
select
  1,
  2 3;
select 'after' as a;
