-- Variables and backticks are substituted in describe patterns and toggles, as psql substitutes OT_NORMAL
-- arguments: \d :name, \dt :'name', \df :f, \timing :v.
create table subst_t (a int);
\set t subst_t
\d :t
\dt :t
\set q 'subst_t'
\dt :q
\set f lower
\df :f
\dt `echo subst_t`
\set v off
\timing :v
