select no_such_function(1);
select lenght('abc');
create table h (alpha int, beta int);
select alphaa from h;
select 'abc'::int;
select 1 + 'x';
select now() + 1;
select * from h where alpha = 'not a number';
