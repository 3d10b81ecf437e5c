-- a comment right after the BOM
select 1 as a;
