select 1 as "Mixed Case", 2 as "with ""quotes""", 3 as "semi;colon", 4 as "--dash";
create table "Weird Table;" ("a b" int, "C" text);
insert into "Weird Table;" values (1, 'x');
select "a b", "C" from "Weird Table;";
select "a b" from "Weird Table;" where "C" = 'x';
