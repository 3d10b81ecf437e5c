-- flags: -v ON_ERROR_STOP=1
-- \copy from a missing file is an error that stops the script (exit 3)
create table mf (n int);
\copy mf from '/nonexistent/missing.csv' with (format csv)
select 'not reached';
