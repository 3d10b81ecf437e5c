select $$a; b$$ as untagged;
select $fn$ it's got 'quotes' and ; and $$ inside $fn$ as tagged;
select $a$ outer $b$ not the end $a$ as nested_tags;
select $_x1$x$_x1$ as underscore_tag;
select $$
multi
line; text
$$ as multiline;
prepare p(int) as select $1 + 1 as param;
execute p(41);
deallocate p;
