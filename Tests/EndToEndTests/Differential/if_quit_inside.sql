\if false
\q
\endif
\echo still here
\if true
\q
