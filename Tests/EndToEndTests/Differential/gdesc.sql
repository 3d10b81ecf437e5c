-- \gdesc describes the buffer's result without running it: names and types (with typmods), psql's line for a
-- statement without a result, errors, output formats, and \g afterwards runs the same text.
\gdesc
select 1 as a, 'x'::varchar(10) as "B c", now(), null::numeric(10,2) as n, array[1,2] \gdesc
\gdesc
create table gd(a int);
insert into gd values (1) \gdesc
select * from gd;
insert into gd values (2) returning * \gdesc
select count(*) from gd;
select * from nosuch \gdesc
select 1 as "it's" \gdesc
\pset format unaligned
select 1 as x \gdesc
\pset format aligned
select 42 as answer \gdesc
\g
begin;
select 1 \gdesc
insert into gd values (3) \gdesc
commit;
select count(*) as still_empty from gd;
\echo :ERROR
select 1 \gdesc extra
