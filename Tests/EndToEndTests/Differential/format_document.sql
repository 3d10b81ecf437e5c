-- Every document format through \pset, with titles, NULLs, escaping, empty results and describe footers.
create table doc_t (id int primary key, note text check (note <> '%'), "we|ird_{x}" text);
insert into doc_t values (1, 'a & b', E'back\\slash'), (2, null, '|pipe|'), (3, E'two\nlines', '~^$#');
\pset null '(null)'
\pset format asciidoc
select * from doc_t order by id;
\pset title 'Doc | title'
select * from doc_t where false;
\x
select * from doc_t order by id;
\x
\pset title
\d doc_t
\pset format latex
\pset border 2
select * from doc_t order by id;
\x
select * from doc_t order by id;
\x
\pset border 3
\pset tuples_only on
select * from doc_t order by id;
\pset tuples_only off
\d doc_t
\pset format latex-longtable
\pset border 1
select * from doc_t order by id;
\pset footer off
select * from doc_t order by id;
\pset footer on
\pset format troff-ms
select * from doc_t order by id;
\x
select * from doc_t order by id;
\x
\d doc_t
\dt doc_*
\pset format html
\d doc_t
