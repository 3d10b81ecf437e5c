-- flags: -q
-- empty lists print an empty table when quiet, and \d of an unknown name fails silently
\d
\dt
\dt nosuch
\di+
\d nosuch
\dx+ nosuch
\df nosuch
\dT nosuch
create table only_one (a int);
\d
\dv
