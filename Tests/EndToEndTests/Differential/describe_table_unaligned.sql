-- flags: -A
create table parent (id int primary key, name text not null unique);
create table child (id int primary key, parent_id int references parent(id), qty int check (qty > 0));
create index child_qty on child (qty);
create function trg_fn() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger child_trg before insert on child for each row execute function trg_fn();
create sequence seq1 owned by child.id;
create view v as select * from child;
\d child
\d parent
\d+ child
\d seq1
\d+ v
\d child_qty
\dt
\dt+
\di
\x
\d seq1
\dt
\d child
