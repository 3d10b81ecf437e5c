\g
\p
select 1 as a \g
\g
\p
\r
\p
select 2 as b
\p
\r
\p
select 3 as c
\w | cat
\w
\r
select 4 as d \gx
select 5 as e \gx (format=unaligned)
select 6 as f, null as n \g (format=csv tuples_only=on null=NULL)
select 7 as g \g (format=csv) | tr a-z A-Z
select 8 \g (bogus=1)
select 9 \g (border=2
select 10 as h \g | cat
select 11 \g /nonexistent-tidepool-dir/out.txt
\echo -n no newline
\echo
\echo '-n' quoted
\echo a -n b
\echo -n -n
\echo
\warn to stderr
\warn -n no newline on stderr
\warn
\r extra arguments
\p too many
