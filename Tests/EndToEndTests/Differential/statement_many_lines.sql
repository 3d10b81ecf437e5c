select
    1
      as
    a,
  'two'
    as
  b
,
  3 +
  4
  as
  c
from
  generate_series(1, 3) as g
where
  g.g > 1
order by
  g.g
;
