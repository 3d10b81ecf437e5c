-- flags: -A -t -F '\t' -R ';'
create table f (id int, name text, note text, amount numeric);
insert into f values (1, 'plain', null, 1.5), (2, 'with,comma', 'say "hi"', -20),
  (3, E'two\nlines', '', 300.25), (4, '日本', 'café 🙂', null);
select * from f order by id;
select id, name from f where false;
select 42 as single;
select;
update f set amount = 0 where id > 2;
select 1/0;
select 'a|b' as pipe, 'c,d' as comma, E'tab\there' as tab;
do $$ begin raise notice 'a notice'; end $$;
select count(*) as n from f;
