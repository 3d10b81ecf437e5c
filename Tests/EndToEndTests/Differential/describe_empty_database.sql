-- lists in a database without user objects: psql's "Did not find any relations."
\d
\dt
\dt+ nosuch
\dv
\ds nosuch
\df
\dT
\dn
\dx+ nosuch
\set ON_ERROR_STOP on
\d nosuch
select 'not reached';
