-- \dX, \dc, \dA, \dl (\lo_list), \dRp, \dRs and \drds print what psql 15 prints, with their patterns and
-- psql's messages for an empty \drds.
create schema s;
create table s.t (a int, b int, c text);
create statistics s.st1 (ndistinct, dependencies) on a, b from s.t;
create statistics st2 (mcv) on a, c from s.t;
create conversion s.myconv for 'LATIN1' to 'UTF8' from iso8859_1_to_utf8;
comment on conversion s.myconv is 'my conversion';
create publication pub1 for table s.t with (publish = 'insert');
create publication pub2 for all tables;
select lo_create(424242) is not null as created;
comment on large object 424242 is 'a blob';
\dX
\dX+
\dX s.*
\dX st2
\dc
\dc+
\dcS utf8_to_iso_8859_1
\dc s.*
\dA
\dA+
\dA b*
\dl
\lo_list
\dRp
\dRp pub1
\dRs
\dRs+
\dRs nosuch
\drds nosuchrole
\drds nosuchrole nosuchdb
\drds
\dX+ nosuch
select lo_unlink(424242) as unlinked;
drop publication pub1;
drop publication pub2;
