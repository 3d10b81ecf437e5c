-- \copy … from program, and the backend dies on row 3 (a trigger terminates it): psql's CheckConnection
-- ends the script with status 2 and nothing after it runs.
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
\copy doomed from program 'seq 1 10'
\echo after
select count(*) from doomed;
