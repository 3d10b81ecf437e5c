-- \copy: psql's parsing of the line, the statement it builds, its messages
create table sc (a int, b text);
\copy sc from stdin
1	one
2	two
\.
\copy sc to stdout
\copy public . sc ( a , b ) to stdout with csv
\copy sc(a) to stdout;
\copy ( select a, 'it''s' from sc where a = (1) ) to stdout (format csv, header)
\copy "sc" to STDOUT  csv   quote  '"'
\copy sc to pstdout
\copy sc from stdin with (format csv)
3,three
\.
\copy sc from stdin; select count(*) from sc
4	four
\.
\copy sc to stdout with (format foo)
\copy
\copy sc
\copy sc from
\copy sc frm stdin
\copy sc from program noquote
\copy sc from '/nonexistent/directory/data.txt'
\copy sc to '/nonexistent/directory/data.txt'
\copy sc from /tmp
\copy sc from program 'exit 3'
\copy (select 1 to stdout
select count(*) from sc;
