\conninfo
\c postgres
\echo :DBNAME
\c - -
select current_database() = 'postgres' as on_postgres;
\c "dbname=postgres"
\c postgres nosuchuser_tidepool
\echo not reached
