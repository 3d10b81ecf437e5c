\set flag on
\if :flag
  \echo outer true
  \if false
    \echo never
    select 'never';
    \echo :undefined_in_skipped `echo not run`
  \elif 1
    \echo inner elif taken
    \if yes
      \echo deep
    \else
      \echo not deep
    \endif
  \elif true
    \echo second elif never
  \else
    \echo inner else never
  \endif
\elif true
  \echo outer elif never
\else
  \echo outer else never
\endif
\if off
  \if true
    \echo ignored nested
  \else
    \echo ignored nested else
  \endif
\elif of
  \echo no
\else
  \echo outer else taken
\endif
select
\if false
  'skipped' as branch
\else
  'kept' as branch
\endif
;
\if :{?flag}
\echo flag is defined
\endif
\if nope
\echo bad expression counts as false
\else
\echo else after bad expression
\endif
\if
\echo empty expression
\endif
\if two words
\endif
\elif true
\else
\endif
\if true
\else
\elif true
\else
\endif
\if false \echo same line \endif
\echo done
