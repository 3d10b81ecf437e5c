-- flags: -v ON_ERROR_STOP=1
select 1 as before;
\if false
\echo skipped
