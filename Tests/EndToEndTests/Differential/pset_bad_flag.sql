-- flags: -P bogus=1
select 1;
