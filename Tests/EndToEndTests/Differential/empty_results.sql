create table e (id int, name text);
select * from e;
select id from e where false;
select 1 as one where false;
select * from generate_series(1, 0);
