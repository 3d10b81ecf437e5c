\pset
\a
\a
\t
\t on
\t off
\t bogus
\x
\x auto
\x off
\x bogus
\f
\f ;
\f
\C
\C hello
select 1 as titled;
\C
\pset title
\pset null
\pset null (nil)
select null as n;
\pset nope
\pset format
\pset format unaligned
select 1 as a, 2 as b;
\pset fieldsep ','
select 1 as a, 2 as b;
\pset format aligned
\pset border 2
select 1 as bordered;
\pset border 0
select 1 as borderless;
\pset border 1
\pset linestyle unicode
select 1 as unicode;
\pset linestyle ascii
\pset footer
select 1 as no_footer;
\pset footer off
\pset footer on
\pset csv_fieldsep ;
\pset format csv
select 1 as a, 'x;y' as b;
\pset format aligned
\pset expanded on
select 1 as a, 2 as b;
\pset expanded
\pset recordsep ';'
\pset recordsep_zero
\pset fieldsep_zero
\pset columns 40
\pset columns 0
\pset tuples_only
\pset tuples_only
\pset
