select 1 as a; select 2 as b; select 3 as c;
create table t (x int); insert into t values (1); insert into t values (2), (3); select * from t order by x;
select 'x;y' as s; select 4 as d
;
