-- The backend dies while COPY TO STDOUT streams (it terminates itself on row 3): the rows already
-- received are printed, then the loss; status 2 and nothing after it runs.
\echo before
copy (select g, case when g = 3 then pg_terminate_backend(pg_backend_pid()) end, pg_sleep(0.01)
      from generate_series(1, 100) g) to stdout;
\echo after
select 42;
