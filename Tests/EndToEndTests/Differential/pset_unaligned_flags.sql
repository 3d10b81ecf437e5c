-- flags: -A -P fieldsep=; -P footer=off
select 1 as a, 'two' as b;
\pset
\a
select 1 as a, 'two' as b;
