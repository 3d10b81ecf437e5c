select g as n, g * g as square, repeat('*', g % 10) as bar from generate_series(1, 250) g;
select count(*) from generate_series(1, 10000);
