-- \H toggles HTML output and back to aligned; \T sets the <table> attributes, \T alone unsets them.
select 1 as one, 'a<b' as two;
\H
select 1 as one, 'a<b' as two;
\T border=2 class="x"
select 2 as two;
\T
select 3 as three;
\H
select 4 as four;
\pset format unaligned
\H
\H
select 5 as five;
\H extra
\H
\pset format aligned extra
\t on x
\a y
\x off z
