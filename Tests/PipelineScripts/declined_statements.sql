-- Statements that never enter a pipeline run alone, in order with the pipelined ones around them.
create table t (id int, s text);
insert into t values (1, 'x');
select 1 \; select 2;
insert into t values (2, 'a;b');
set standard_conforming_strings = off;
insert into t values (3, 'back\\slash');
set standard_conforming_strings = on;
vacuum t;
do $$ begin insert into t values (4, 'do'); end $$;
copy t from stdin;
5	copied
\.
select count(*) from t;
\echo between
select :ROW_COUNT as row_count, :'SQLSTATE' as state;
select 1/0;
select :'SQLSTATE' as after_error, :ERROR as error;
create temp table tt (a int);
insert into tt values (1);
table tt;
select * from t order by id;
