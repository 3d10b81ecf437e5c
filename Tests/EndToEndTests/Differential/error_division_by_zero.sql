select 1 as before;
select 1/0;
select 10 % 0 as modulo;
select 1.0 / 0.0;
select 2 as after;
