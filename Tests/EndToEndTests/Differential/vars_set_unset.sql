\set foo bar
\set x 1 2 3
\set empty
\echo :foo :'foo' :"foo" :{?foo} :{?nope} :nope
\echo x=:x empty=[:empty]
\unset foo
\echo :foo :{?foo}
\set ON_ERROR_STOP off
\echo :ON_ERROR_STOP
\set QUIET maybe
\set FETCH_COUNT abc
\set FETCH_COUNT ''
\set HISTSIZE
\set ECHO bogus
\set ECHO_HIDDEN
\echo :ECHO_HIDDEN
\set ON_ERROR_ROLLBACK bogus
\set COMP_KEYWORD_CASE Upper
\echo :COMP_KEYWORD_CASE
\set VERBOSITY loud
\set SHOW_CONTEXT sometimes
\set HISTCONTROL ignoreboth
\unset AUTOCOMMIT
\echo :AUTOCOMMIT
\set AUTOCOMMIT
\echo :AUTOCOMMIT
\unset ECHO
\echo :ECHO
\unset HISTSIZE
\echo :HISTSIZE
\set IGNOREEOF many
\echo :IGNOREEOF
\set 1abc ok
\echo :1abc
\set a-b x
\unset a-b
\unset
\set quoted 'it''s' "dq" `echo back`
\echo :quoted
select :'quoted' as lit, :"foo" as ident_unset;
\set n 42
select :n as n, :'n' as quoted_n;
\echo :ROW_COUNT :ERROR :SQLSTATE
select 1/0;
\echo :ERROR :SQLSTATE :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE
\echo :DBNAME_is_set :{?DBNAME} :{?USER} :{?PORT} :{?HOST} :{?ENCODING}
\set FETCH_COUNT 2
select g from generate_series(1, 5) g;
\set FETCH_COUNT 0
