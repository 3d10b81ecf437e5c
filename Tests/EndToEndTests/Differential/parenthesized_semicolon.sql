create table src (x int);
create table audit (what text);
create rule src_audit as on insert to src do also (
  insert into audit values ('one');
  insert into audit values ('two')
);
insert into src values (1);
select * from audit order by what;
select (1) as a; select ((2)) as b;
