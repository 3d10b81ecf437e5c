select 1 as first;
select 'last without semicolon' as last