-- \copy … to a program, and the backend terminates itself on row 3: status 2, nothing after it runs.
\echo before
\copy (select g, case when g = 3 then pg_terminate_backend(pg_backend_pid()) end, pg_sleep(0.01) from generate_series(1, 100) g) to program 'cat > /dev/null'
\echo after
select 42;
