select * from no_such_table;
select x from
  also_missing
  where y = 1;
select no_such_column from (select 1 as a) s;
insert into nowhere values (1);
select 'still here' as s;
