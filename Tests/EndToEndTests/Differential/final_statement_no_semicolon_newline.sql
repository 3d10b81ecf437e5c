select 1 as first;
select 2 as last

