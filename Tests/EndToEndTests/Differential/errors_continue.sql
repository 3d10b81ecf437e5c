-- Without ON_ERROR_STOP every error is reported and the script goes on; exit is 0.
select 1/0;
select * from missing;
selec;
select 'survived' as s;
