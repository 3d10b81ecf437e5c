select 'e' || chr(769) as e_acute_combining, 'é' as precomposed;
select 'a' || chr(776) || 'o' || chr(776) as two_marks, 'x' as x;
select * from (values ('n' || chr(771), 1), ('ñ', 2), ('ab', 3)) v(s, n);
select 'Z' || chr(817) || chr(818) || chr(819) as zalgo_lite;
