-- flags: -e
select 1
as a;
\set SINGLELINE on
select 2 as b
select 3 as c; select 4
\set SINGLELINE off
select 5
as d;
\set SINGLELINE yes
select 'x' as e \set SINGLELINE no
as f;
