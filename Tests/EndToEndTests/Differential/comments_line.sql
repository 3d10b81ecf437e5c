-- a comment-only line at the start
-- and another one
select 1 as a; -- comment after a statement
-- comment between statements
select 2 -- comment inside a statement
  as b;
select '--not a comment' as c; --;
   -- indented comment line
select 3 as d;
-- trailing comment at the end
