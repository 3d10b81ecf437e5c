-- \set ON_ERROR_ROLLBACK on undoes only the failing statement of a block, as in psql (tidepool's
-- AUTO_ROLLBACK statement), user savepoints included.
create table oer (i int);
\set ON_ERROR_ROLLBACK on
begin;
insert into oer values (1);
select 1/0;
insert into oer values (2);
savepoint mine;
select bad;
rollback to savepoint mine;
insert into oer values (3);
commit;
select * from oer order by i;
\set ON_ERROR_ROLLBACK off
