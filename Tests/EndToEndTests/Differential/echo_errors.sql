-- flags: -b
-- ECHO=errors (-b) prints the failed statement after its error, with the file's location when there is one.
select 1/0;
select 'after' as ok;
select nosuch
  from nowhere;
