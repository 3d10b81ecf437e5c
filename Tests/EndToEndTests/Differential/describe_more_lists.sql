-- \dp (\z), \dD, \dconfig, \dL, \dO and \dy print what psql 15 prints: privileges with column grants and
-- policies, domains with collation, default and checks, configuration, languages, collations, event triggers.
create schema s;
create table s.t (a int, b text);
create table pub (x int);

grant select on s.t to public;
grant select (x), update (x) on pub to public;
alter table pub enable row level security;
create policy p1 on pub for select to public using (x > 0);
create policy p2 on pub as restrictive using (x < 100) with check (x < 50);
create sequence s.seq;
create view s.v as select 1 as one;
create domain s.posint as int not null default 1 check (value > 0);
create domain pubtext as text collate "C" check (length(value) < 10);
comment on domain pubtext is 'short text';
create collation s.mycoll (locale = 'C');
create function evt_fn() returns event_trigger language plpgsql as $$ begin end $$;
create event trigger evt1 on ddl_command_start when tag in ('CREATE TABLE', 'DROP TABLE') execute function evt_fn();
\dp
\z
\dp s.*
\dp pub
\dp+
\dD
\dD+
\dD s.*
\dDS pos*
set application_name = 'same for both';
\dconfig
\dconfig+ work_mem
\dconfig *mem*
\dL
\dL+
\dLS
\dL plpgsql
\dO
\dO+
\dO s.*
\dO my*
\dy
\dy+
\dy evt*
\dy nosuch
drop event trigger evt1;
revoke all on s.t from public;
revoke all on pub from public;
drop policy p1 on pub;
