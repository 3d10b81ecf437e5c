-- With standard_conforming_strings off, a backslash escapes in plain '' strings too,
-- so a \' does not end the literal and the ; inside it does not end the statement.
set standard_conforming_strings = off;
set escape_string_warning = off;
select 'it\'s; still one string' as s;
select 'back\\slash' as b, 'tab\tx' as t;
set escape_string_warning = on;
select 'warned\'s' as w;
set standard_conforming_strings = on;
select 'plain\' as p;
