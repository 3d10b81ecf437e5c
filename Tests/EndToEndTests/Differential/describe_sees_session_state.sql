-- \d runs on the session's own connection, as psql's: it sees the session's search_path,
-- and what an open transaction block has created but not committed (temporary tables: CommandLineTests,
-- since their schema's name, pg_temp_N, differs from run to run).
create schema only_in_path;
create table only_in_path.hidden_elsewhere (a int primary key, b text);
set search_path = only_in_path;
\dt
\d hidden_elsewhere
begin;
create table made_in_block (z int not null);
\d made_in_block
\dt
rollback;
\d made_in_block
reset search_path;
\dt
