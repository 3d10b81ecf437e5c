-- COPY TO STDOUT writes the data where results go and, as psql, no "COPY n" after it.
create table out_t (id int, t text, b bool, ts date);
insert into out_t values (1, 'tab	inside', true, '2024-01-02'), (2, null, false, null), (3, 'back\slash
newline', null, '1999-12-31');
copy out_t to stdout;
copy out_t to stdout with (format csv, header, force_quote (t));
copy (select id, upper(t) from out_t where id < 3 order by id desc) to stdout with (format csv, delimiter '|');
copy (select 1 where false) to stdout;
select 'after zero rows' as still_here;
copy (select 1/0) to stdout;
copy out_t (id) to stdout;
