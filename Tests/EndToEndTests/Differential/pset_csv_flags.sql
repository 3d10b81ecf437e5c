-- flags: --csv -P null=NULL
select 1 as a, null as b;
\t
select 1 as a, null as b;
\pset format
