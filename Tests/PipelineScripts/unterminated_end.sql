create table t (id int);
begin;
insert into t values (1);
insert into t values (2)
