-- A failed COPY consumes its data up to \. and leaves the session usable.
create table nums (n int primary key, label text);
copy nums from stdin;
1	one
two	2
3	three
\.
select count(*) as after_bad_row from nums;
copy nums from stdin;
1	one
1	again
\.
select count(*) as after_duplicate from nums;
-- a corrupt end marker: the line is sent as data, the rest is read up to the real one
copy nums from stdin;
5	five
\.x
6	six
\.
-- a statement after COPY on the same line runs once the data is in
copy nums from stdin; select count(*) as same_line from nums;
7	seven
\.
-- a missing column, an extra column
copy nums from stdin;
8
\.
copy nums from stdin;
9	nine	extra
\.
copy missing_table from stdin;
10	ten
select 'the data of a COPY that failed to start is read as SQL' as note;
select n, label from nums order by n;
