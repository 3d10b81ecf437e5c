-- flags: -e
-- ECHO shows the statement \copy builds, spacing and all
create table se (a int, b text);
\copy se from stdin
1	x
\.
\copy binary se to stdout csv
\copy ( select a,  b from se ) to stdout
\copy se ( a ) to stdout with (format csv) ;
