-- every list command with and without patterns, with S and +
create schema other;
create table t1 (a int primary key);
create table "MixedCase" (a int);
create table other.t2 (b int);
create table other."Quoted.Name" (c int);
create unlogged table t_unlogged (d int);
create view v1 as select * from t1;
create materialized view m1 as select * from t1;
create sequence s1;
create index t1_a_idx on t1 (a);
comment on table t1 is 'first table';
create function add1(int) returns int language sql immutable as 'select $1 + 1';
create function tg() returns trigger language plpgsql as $$ begin return new; end $$;
create procedure do_nothing() language sql as 'select 1';
create aggregate my_sum(int) (sfunc = int4pl, stype = int);
create type mood as enum ('sad', 'ok', 'happy');
create type pair as (x int, y int);
create domain posint as int check (value > 0);
comment on type mood is 'feelings';
\d
\dt
\dt+
\dt other.*
\dt *.t?
\dt "MixedCase"
\dt mixedcase
\dt MIXEDCASE
\dt other."Quoted.Name"
\dti
\dtv+
\di
\di+
\dv
\dv+
\dm
\ds
\ds+
\dE
\dtS pg_clas?
\df
\df+
\dfn
\dfa
\dfp
\dft
\dfw
\dfan
\df add*
\dfS int4pl
\dT
\dT+
\dT mood
\dT+ mood
\dT int
\dTS int4
\dT other.*
\dn
\dn+
\dn other
\dnS pg_catalog
\dn+ public
\du postgres
\du+ postgres
\dg postgres
\duS pg_read_all_data
\l template0
\l+ no_such_database
\dx
\dx plpgsql
\dx+ plpgsql
\db pg_default
\db+ no_such_tablespace
