-- COPY FROM STDIN with the data inline in the script, ended by \.
create table items (id int, name text, price numeric, note text);
copy items from stdin;
1	apple	1.50	\N
2	banana	0.25	yellow\tand long
3	cherry	12.00	a "quoted" word
\.
select * from items order by id;
copy items (id, name) from stdin with (format csv, header true);
id,name
4,"date, dried"
5,"elder ""berry"""
\.
select id, name from items where id > 3 order by id;
-- an empty COPY
copy items from stdin;
\.
-- data lines with CRLF line ends end at \. with CR as well
select count(*) from items;
