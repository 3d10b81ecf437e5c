-- flags: -T 'class="wide" cellpadding=2' -H
select 1 as n, 'a<b' as t;
\pset tableattr
\pset
select 2 as n;
\pset tableattr 'border=0'
\x
select 3 as n, 'x' as t;
