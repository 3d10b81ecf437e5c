/* a block comment before anything */
select 1 /* inline */ as a;
/* nested /* comments /* three deep */ still inside */ and ; here too */
select 2 as b;
select /* multi
line ; comment
*/ 3 as c;
/* comment */ select 4 as d; /* comment */ select 5 as e;
select 6 /* /* */ */ as f;
