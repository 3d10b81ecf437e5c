-- binary COPY out; text and binary round trip inside one script
create table bin_t (n int, s text);
insert into bin_t values (1, 'a'), (2, null);
copy bin_t to stdout with (format binary);
