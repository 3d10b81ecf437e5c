-- flags: -v ON_ERROR_STOP=bogus
select 1;
