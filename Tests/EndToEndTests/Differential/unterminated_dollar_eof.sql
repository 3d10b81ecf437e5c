select 1 as ok;
select $body$ never closed;
select 2;
