-- An error inside a block where the user holds a savepoint: both psql and tidepool leave
-- the recovery to ROLLBACK TO SAVEPOINT.
create table sv (id int primary key);
begin;
insert into sv values (1);
savepoint before_dup;
insert into sv values (1);
rollback to savepoint before_dup;
insert into sv values (2);
commit;
select * from sv order by id;
