-- A trigger that fails in the middle of COPY: the whole COPY is undone, the script goes on.
create table guarded (n int, s text);
create function refuse_seven() returns trigger language plpgsql as $$
begin
  if new.n = 7 then
    raise exception 'row % refused', new.n using hint = 'no sevens here';
  end if;
  return new;
end $$;
create trigger guard before insert on guarded for each row execute function refuse_seven();
copy guarded from stdin;
5	five
6	six
7	seven
8	eight
\.
select count(*) from guarded;
copy guarded from stdin with (format csv);
1,ok
2,fine
\.
select * from guarded order by n;
