-- \lo_import, \lo_export and \lo_unlink: a client file into a large object and back, LASTOID, comments,
-- the block they run in, and psql's errors. QUIET hides the OID lines, which differ from run to run.
\set f `f=$(mktemp); echo 'hello large object' > "$f"; echo "$f"`
\set g `mktemp`
\set QUIET on
\lo_import :f 'a comment'
\set QUIET off
\set id :LASTOID
select count(*) from pg_largeobject_metadata where oid = :id;
select obj_description(:id, 'pg_largeobject') as comment;
\lo_export :id :g
\echo `cat :'g'`
begin;
\set QUIET on
\lo_unlink :id
\set QUIET off
rollback;
select count(*) from pg_largeobject_metadata where oid = :id;
\set QUIET on
\lo_unlink :id
\set QUIET off
select count(*) from pg_largeobject_metadata where oid = :id;
\lo_import /nonexistent/file
\lo_export 0 /dev/null
\lo_unlink 0
\lo_import
\set done `rm -f :'f' :'g'; echo removed`
\echo :done
