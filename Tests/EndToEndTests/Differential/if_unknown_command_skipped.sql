\if false
\nosuchcommand
\set skipped yes
\endif
\echo :{?skipped}
