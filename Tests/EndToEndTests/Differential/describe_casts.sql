-- \dC lists casts as psql 15 does: by either side's type name or format_type spelling, with + comments.
create schema s;
create type s.mood as enum ('ok', 'sad');
create function s.mood_text(s.mood) returns text language sql as $$ select $1::text $$;
create cast (s.mood as text) with function s.mood_text(s.mood) as assignment;
comment on cast (s.mood as text) is 'mood as words';
create domain s.d as int;
\dC s.*
\dC+ s.*
\dC s.*
\dC mood
\dC bigint
\dC "character varying"
\dC+ s.mood
\dC nosuch
