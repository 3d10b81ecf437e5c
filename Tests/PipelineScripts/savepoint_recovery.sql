-- A block with the user's own savepoint is left to the user, as psql leaves it.
create table t (id int primary key);
begin;
insert into t values (1);
savepoint a;
insert into t values (1);
insert into t values (2);
rollback to savepoint a;
insert into t values (3);
release a;
commit;
select * from t order by id;
begin;
savepoint b;
select 1/0;
commit;
select count(*) from t;
