select 1 as a;
select 'x' as b,
  2 as c;
-- comment
select E'tab\there' as d;
select $$dollar
across lines$$ as e;
selec 3;
select 4 as f;
