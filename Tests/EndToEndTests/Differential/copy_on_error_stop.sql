-- flags: -v ON_ERROR_STOP=1
-- A failed COPY stops the script with ON_ERROR_STOP, after its data was read
create table stopper (n int);
copy stopper from stdin;
1
x
\.
select 'not reached';
