\watch
\echo after
