\cd Tests/EndToEndTests/Differential
\set v hello
\i include/meta_include.txt
\echo after include
\i include/no-such-file.txt
\ir include/no-such-file.txt
\i
\i include/meta_unclosed_if.txt
\echo after unclosed include
