select 1 as before;
\if true
\echo inside an unclosed if
select 2 as inside;
