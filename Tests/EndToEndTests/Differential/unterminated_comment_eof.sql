select 1 as ok;
/* a comment that never ends
select 2;
