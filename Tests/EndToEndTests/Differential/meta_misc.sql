\errverbose
select 1/0;
\errverbose
select 1;
\errverbose
\encoding
\encoding LATIN1
\encoding
\echo :ENCODING
\encoding nosuchencoding
\encoding UTF8
\conninfo_nope
select 1/0 \watch 0.01
\echo after watch error
