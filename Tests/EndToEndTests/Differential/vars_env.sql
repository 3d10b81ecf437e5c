\setenv TIDEPOOL_TEST_VAR hello
\getenv v TIDEPOOL_TEST_VAR
\echo :v
\! echo "shell sees $TIDEPOOL_TEST_VAR"
\setenv TIDEPOOL_TEST_VAR
\! echo "shell sees [$TIDEPOOL_TEST_VAR]"
\getenv v TIDEPOOL_TEST_VAR_MISSING
\echo still :v
\getenv
\getenv onlyone
\setenv
\setenv A=B c
\getenv QUIET TIDEPOOL_TEST_BOOL
\setenv TIDEPOOL_TEST_BOOL notabool
\getenv QUIET TIDEPOOL_TEST_BOOL
\echo :QUIET
\! exit 3
\echo after failing shell command
\cd /nonexistent-tidepool-dir
\cd /
\! pwd
