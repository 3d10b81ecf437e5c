-- \sf and \sv print the CREATE command as psql does: headers, line numbers with +, view options and check
-- options, quoted names, and psql's errors (minimal server message, missing name, not a view).
create schema defs;
create table defs.t (a int);
create function defs.f(a int, b text default 'x') returns int language sql as $$ select a + 1 $$;
create function defs.g(x int) returns int language sql begin atomic select x * 2; end;
create function defs.h(x int) returns int language sql return x + 3;
create function defs.k() returns void language plpgsql as $$
begin
  perform 1;
end
$$;
create view defs.v as select 1 as one, 'two'::text as two;
create view defs."Odd View" with (security_barrier=true) as select a from defs.t where a > 0 with local check option;
create view defs."select" with (check_option=cascaded) as select a from defs.t;
\sf defs.f
\sf+ defs.f(int, text)
\sf+ defs.g
\sf+ defs.h
\sf   defs.k   
\sf+ defs.k
\sv defs.v
\sv+ defs.v
\sv defs."Odd View"
\sv+ defs."select"
\sv defs.t
\sv defs.nosuchview
\sf defs.nosuch
\sf defs.nosuch(int)
\sf
\sv
\sf count
\sf+ pg_catalog.lower(text)
\o /dev/null
\sf defs.h
\o
select 'done' as finished;
