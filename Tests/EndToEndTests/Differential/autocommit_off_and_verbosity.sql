-- AUTOCOMMIT off opens a block before statements that may run in one (not VACUUM, CREATE/DROP DATABASE, …),
-- as psql does; VERBOSITY and SHOW_CONTEXT change how errors and notices read.
\set AUTOCOMMIT off
create table ac2(a int);
insert into ac2 values (1);
commit;
select count(*) from ac2;
commit;
vacuum ac2;
/* comment */ -- line
  VACUUM ac2;
create unique index concurrently ac2_a on ac2 (a);
drop index concurrently ac2_a;
select 1;
end;
\set AUTOCOMMIT on
drop table ac2;
\set VERBOSITY verbose
select 1/0;
\set VERBOSITY terse
select 1/0;
\set VERBOSITY sqlstate
select 1/0;
\set VERBOSITY default
\set SHOW_CONTEXT always
do $$ begin raise notice 'hello'; end $$;
\set SHOW_CONTEXT never
do $$ begin raise exception 'boom'; end $$;
\set SHOW_CONTEXT errors
do $$ begin raise exception 'boom'; end $$;
