-- \df NAME TYPE… picks overloads by argument types (psql 14+), \do NAME [TYPE [TYPE]] operators by operand
-- types: internal and external type names, grammar aliases (int, float, decimal, int[]), "-" for "no
-- argument here", schema-qualified types, and the catalog queries themselves under ECHO_HIDDEN.
create schema other;
create type mood as enum ('calm', 'busy');
create function pick(int, text) returns int language sql as 'select 1';
create function pick(int) returns int language sql as 'select 2';
create function pick(text, int) returns text language sql as 'select ''x''';
create function pick() returns int language sql as 'select 3';
create function pick(int[], numeric, float8) returns int language sql as 'select 4';
create function other.pick(int) returns int language sql as 'select 5';
create function "Mixed"(int, varchar) returns int language sql as 'select 6';
create function feel(mood) returns mood language sql as 'select $1';
create operator ### (leftarg = int, rightarg = int, function = int4pl);
create operator ### (rightarg = text, function = textlen);
create operator other.### (leftarg = int, rightarg = int, function = int4pl);
comment on operator ### (int, int) is 'plus, twice';
\df pick
\df pick int4
\df pick int
\df pick integer text
\df pick int4 -
\df pick -
\df pick text int4
\df pick int[] numeric float
\df pick int4[] decimal double*
\df pick _int4
\df pick int* *
\df *.pick int4
\df other.pick int4
\df "Mixed" int varchar
\df "Mixed" int4 "character varying"
\df+ pick int text
\dfn pick int
\dfa pick int
\df feel mood
\df feel public.mood
\df feel pg_catalog.mood
\df pick int4;
\df pick int4 text extra
\df pick a.b.c.d
\df pick elsewhere.pg_catalog.int4
\do
\do ###
\do ### int4 int4
\do ### int int
\do ### text
\do ### - text
\do ### int4 -
\do+ ###
\do+ ### int4 int4
\do + int4 int4
\do + bigint
\do other.###
\do *.### int int
\do ### int4 int4 extra words
\doS+ - - int4
\do ### a.b.c.d
\dT mood
\dT int[]
\dT+ mood[]
\set ECHO_HIDDEN on
\df pick int4 - text
\do+ + int4 int4
\do ### text
\dT *[]
