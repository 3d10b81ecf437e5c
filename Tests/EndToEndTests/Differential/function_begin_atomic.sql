create table log (msg text);
create function add_one(x int) returns int
language sql
begin atomic
  select x + 1;
end;
create procedure write_two(a text, b text)
language sql
begin atomic
  insert into log values (a);
  insert into log values (b);
end;
call write_two('first; with semicolon', 'second');
select add_one(41) as answer;
select * from log order by msg;
create function case_end(x int) returns text
language sql
begin atomic
  select case when x > 0 then 'pos' else 'nonpos' end;
end;
select case_end(1), case_end(-1);
