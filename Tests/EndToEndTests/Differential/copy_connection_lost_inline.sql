-- The backend dies in the middle of COPY FROM STDIN (a trigger terminates it on row 3): the loss is
-- reported as psql reports it, the script ends with status 2, and nothing after it runs.
create table doomed (i int);
create function die_on_three() returns trigger language plpgsql as $$
begin
  if new.i = 3 then
    perform pg_terminate_backend(pg_backend_pid());
    perform pg_sleep(5);
  end if;
  return new;
end $$;
create trigger die before insert on doomed for each row execute function die_on_three();
\echo before
copy doomed from stdin;
1
2
3
4
\.
\echo after
select count(*) from doomed;
