select;
create table z (a int);
insert into z values (1), (2);
select from z;
select from z where false;
