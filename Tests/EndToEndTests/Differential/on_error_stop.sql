-- flags: -v ON_ERROR_STOP=1
select 1 as first;
create table s (x int);
insert into s values (1);
select 1/0;
select 2 as never_printed;
insert into s values (2);
