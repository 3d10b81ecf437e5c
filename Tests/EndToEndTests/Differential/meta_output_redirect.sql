\o | cat -n
select 1 as piped;
\qecho qecho goes to the pipe
\o
\echo echo goes to stdout (after the pipe closed, so the order cannot race)
\qecho qecho back on stdout
\o /nonexistent-tidepool-dir/out.txt
select 2 as after_failed_o;
\o /dev/null
select 3 as discarded;
\o
select 4 as back;
