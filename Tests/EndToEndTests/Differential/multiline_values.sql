select E'first line\nsecond line' as two_lines;
select E'a\nbb\nccc' as text_col, 42 as num, E'x\ny' as other;
select * from (values (1, E'one\ntwo'), (2, 'single'), (3, E'\ntrailing start'), (4, E'ends with newline\n')) v(n, t);
select E'tab\tinside' as tab, E'cr\rinside' as cr;
select E'\n' as only_newline;
