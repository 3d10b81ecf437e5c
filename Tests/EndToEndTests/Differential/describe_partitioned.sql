-- \dP and its letters (t tables, i indexes, n nested, + sizes) print what psql 15 prints. No rows are
-- inserted: sizes then cannot depend on when autovacuum made a table's free-space map.
create schema s;
create table s.m (id int, region text, at date) partition by list (region);
create table s.m_eu partition of s.m for values in ('eu') partition by range (at);
create table s.m_eu_2024 partition of s.m_eu for values from ('2024-01-01') to ('2025-01-01');
create table s.m_us partition of s.m for values in ('us');
create index m_at on s.m (at);
create table top (a int) partition by hash (a);
create table top_0 partition of top for values with (modulus 2, remainder 0);
create table top_1 partition of top for values with (modulus 2, remainder 1);
comment on table top is 'hashed';
\dP
\dPn
\dPt
\dPi
\dPtn
\dPin
\dP s.*
\dP top
\dP+
\dPn+
\dPt+
\dPi+
\dPS
\dPx
