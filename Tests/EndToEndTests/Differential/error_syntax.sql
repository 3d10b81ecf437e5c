select 1 as before;
selec 2;
select 3 as after;
select * fro pg_class;
select (1 as unbalanced;
select 4 as end_marker;
