do $$ begin raise notice 'hello from DO'; end $$;
do $$
begin
  raise notice 'value: %, text: %', 42, 'abc';
  raise warning 'a warning';
  raise info 'some info';
  raise notice 'with detail' using detail = 'the detail', hint = 'the hint';
end
$$;
create function noisy(n int) returns int language plpgsql as $$
begin
  raise notice 'noisy(%)', n;
  return n * 2;
end $$;
select noisy(1) as a, noisy(2) as b;
do $$ begin raise exception 'custom failure' using detail = 'why', hint = 'fix it', errcode = '22000'; end $$;
select 'after' as s;
