-- \crosstabview pivots a result as psql 15 does: first-appearance order, sort column ranks, NULL headers,
-- column numbers and quoted names, every error, formats, and ON_ERROR_STOP after a failed pivot.
select * from (values ('a','x',1),('a','y',2),('b','x',3),(null,'z',4),('c',null,5)) v(r,c,d) \crosstabview
\pset null NULL
select * from (values ('a','x',1),('a','y',2),('b','x',3),(null,'z',4),('c',null,5)) v(r,c,d) \crosstabview
\pset null ''
select * from (values ('a','x',1,3),('a','y',2,1),('b','w',3,2)) v(r,c,d,s) \crosstabview r c d s
select * from (values ('a','x',1,3),('a','y',2,1),('b','w',3,2)) v(r,c,d,s) \crosstabview 2 1 4
select * from (values ('a','x',1,3)) v(r,c,d,s) \crosstabview
select 1, 2 \crosstabview
select * from (values ('a','x',1),('a','x',2)) v(r,c,d) \crosstabview
select * from (values ('a','x',1)) v(r,c,d) \crosstabview r r
select * from (values ('a','x',1)) v(r,c,d) \crosstabview nosuch
select * from (values ('a','x',1)) v(r,c,d) \crosstabview 7
select * from (values ('a','x',1)) v("R",c,d) \crosstabview "R" C
create temp table ct(a int) \crosstabview
select * from (values (1,'x','v')) v(a,a,d) \crosstabview a
\x on
select * from (values ('a','x',1),('b','y',2)) v(r,c,d) \crosstabview
\x off
\pset format unaligned
select * from (values ('a','x',1),('b','y',2)) v(r,c,d) \crosstabview
select * from (values ('a','x',1,'2'),('a','y',2,'2'),('b','w',3,'x'),('b','v',4,null),('c','u',5,'-1'),('c','t',6,'10')) v(r,c,d,s) \crosstabview r c d s
select * from (values ('a','x',1)) v(r,c,d) where false \crosstabview
\pset title 'Pivot'
select * from (values ('äö','日本',1),('b','x',22222)) v(r,c,d) \crosstabview
\pset title
\pset format html
select * from (values ('a','x',1),('b','y',2)) v(r,c,d) \crosstabview
\pset format aligned
select 'a' as "Row", 'x' as "Col", 1.5 as "Val" \crosstabview "Row" "Col" "Val"
select 'a' as r, 'x' as c, 1 as d \crosstabview r c d d extra1 extra2
select 'a' as r, 'x' as c, 1 as d \crosstabview r; 
select 'a' as r, 'x' as c, 1 as d
\crosstabview c r
\crosstabview
select 1/0 as a, 2 as b, 3 as c \crosstabview
\set ON_ERROR_STOP 1
select 'a' as r, 'x' as c, 1 as d \crosstabview r r
select 'never' as reached;
