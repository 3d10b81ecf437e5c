-- flags: -t
create table parent (id int primary key);
create table child (id int primary key, parent_id int references parent(id));
create sequence seq1 owned by child.id;
\d child
\d parent
\d seq1
\dt
\du postgres
\dt nosuch
