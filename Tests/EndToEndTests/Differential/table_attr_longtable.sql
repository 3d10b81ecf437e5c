-- flags: --table-attr='0.2 0.35' -P format=latex-longtable
select 'a' as first, 1 as n, 'b' as second, 'c' as third;
\pset border 2
\pset title 'Widths & more'
select 'a' as first, 1 as n, 'b' as second;
\pset tableattr
select 'a' as first;
