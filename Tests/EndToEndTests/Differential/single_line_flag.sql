-- flags: -S -e
select 1 as a
select (1
) as b
select 'x
y' as c
-- only a comment

select 2 -- trailing comment
/* c */ select 3
select 4; select 5
select 6 /* multi
*/ as d
select 7 \g
select 8 \echo hi
select $$a
b$$ as dollar
select 9
;
create table sl (a int)
insert into sl values (1), (2)
select "q
z" from (select 1 as "q
z") s
select * from sl
   where a > 1
\set SINGLELINE off
select 10
;
select 11
