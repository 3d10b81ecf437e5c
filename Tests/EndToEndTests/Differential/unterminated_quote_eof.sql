select 'complete' as ok;
select 'this quote never
ends;
select 2;
