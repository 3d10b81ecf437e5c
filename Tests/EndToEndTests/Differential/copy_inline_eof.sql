-- COPY as the last statement: the end of the script ends its data, no \. needed
create table tail (n int, s text);
copy tail from stdin with (format csv);
1,first
2,"second, with comma"
3,last line
