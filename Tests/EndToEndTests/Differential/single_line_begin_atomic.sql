-- flags: -S
create function sl_f() returns int language sql begin atomic
select 1;
end
select 'after' as x
select sl_f() as f
CREATE FUNCTION sl_g() RETURNS int LANGUAGE sql BEGIN ATOMIC
select 2;
END
select 1;
CREATE FUNCTION sl_h() RETURNS int LANGUAGE sql BEGIN ATOMIC
select 3;
END
select sl_h() as h
