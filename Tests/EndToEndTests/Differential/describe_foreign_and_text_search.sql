-- \des, \dew, \det, \deu (foreign data) and \dF, \dFd, \dFp, \dFt (text search) print what psql 15 prints.
create foreign data wrapper dummy_fdw options (debug 'true');
comment on foreign data wrapper dummy_fdw is 'does nothing';
create server srv1 foreign data wrapper dummy_fdw options (host 'h1', port '5432');
create server srv2 type 'x' version '1.0' foreign data wrapper dummy_fdw;
create user mapping for postgres server srv1 options (user 'bob', password 'secret');
create user mapping for public server srv2;
create schema s;
create foreign table s.ft (a int) server srv1 options (table_name 'remote');
comment on foreign table s.ft is 'far away';
create text search dictionary s.mydict (template = simple, stopwords = english);
create text search configuration s.mycfg (copy = english);
\des
\des+
\des srv1
\dew
\dew+
\dew dummy*
\det
\det+
\det s.*
\deu
\deu+
\deu srv1
\deu public
\dF
\dF s.*
\dF *english
\dFd
\dFd+
\dFd s.*
\dFdS simple
\dFp
\dFp default
\dFt
\dFt+
\dFt simple
