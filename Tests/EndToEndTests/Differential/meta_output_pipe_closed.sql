\o |true
select repeat($$x$$, 100000) from generate_series(1,10);
\o
select 1 as after;
