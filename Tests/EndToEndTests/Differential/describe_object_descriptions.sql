-- \dd lists the comments \d does not show (constraints, operator families, rules, triggers), as psql 15.
create schema s;
create table s.t (a int constraint a_positive check (a > 0));
comment on constraint a_positive on s.t is 'a must be positive';
create table u (b int constraint b_small check (b < 10));
comment on constraint b_small on u is 'b stays small';
create domain s.dom as int constraint dom_check check (value <> 0);
comment on constraint dom_check on domain s.dom is 'never zero';
create rule r1 as on update to u do also notify u_changed;
comment on rule r1 on u is 'tells listeners';
create function trg() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t1 before insert on u for each row execute function trg();
comment on trigger t1 on u is 'does nothing';
create operator family s.myfam using btree;
comment on operator family s.myfam using btree is 'a family';
\dd
\dd s.*
\dd b*
\ddS t1
\dd nosuch
