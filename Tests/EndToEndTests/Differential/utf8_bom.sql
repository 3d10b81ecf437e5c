select 1 as after_bom;
select 'café' as word;
