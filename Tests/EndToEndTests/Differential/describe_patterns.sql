-- psql's pattern rules and messages: quoting, case folding, wildcards, dots, unknown names, extra arguments
create schema s1;
create table s1.abc (a int);
create table s1."ABC" (a int);
create table "a$b" (a int);
create table abc_def (a int);
\dt s1.*
\dt s1.abc
\dt s1."ABC"
\dt S1.ABC
\dt *.a*
\dt "a$b"
\dt a$b
\dt abc?def
\dt abc.def
\dt "abc_def"
\dt nosuch
\dt nosuch.*
\d nosuch
\d nosuch*
\d "nosuch"
\d a.b.c.d
\d otherdb.s1.abc
\dn a.b
\du a.b
\l a.b
\dx+ nosuch
\dx+ *
\dt abc_def extra words
\d abc_def; 
\dt abc_def;
\d s1.abc nosuch
\dq
select 'still running' as after_errors;
