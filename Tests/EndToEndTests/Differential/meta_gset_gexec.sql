select 3 as a, 4 as b \gset
\echo :a :b
select 5 as a, 'x y' as b \gset pre_
\echo :pre_a :pre_b
select 1 where false \gset
select 1 as x union all select 2 \gset
select null::int as a \gset
\echo a=:a
select 'on' as "QUIET" \gset
select 1/0 as boom \gset
\echo after error :ERROR
create table gexec_t (id int);
select format('insert into gexec_t values (%s)', g) from generate_series(1, 3) g \gexec
select 'select count(*) as n from gexec_t', null, 'select 42 as answer' \gexec
select 'select 1/0', 'select ''after error'' as x' \gexec
drop table gexec_t;
\set ECHO queries
select 'select 1 as echoed' \gexec
\set ECHO all
select 'select 2 as echoed_all' \gexec
