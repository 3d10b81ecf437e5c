select 'café' as word, 'naïve' as other, 'Ærøskøbing' as town;
select 'é' as short, 'ééééé' as longer, 'x' as ascii;
select 'Größe' as "Überschrift", 1 as "ñ";
select upper('àéîõü') as up, length('àéîõü') as len, octet_length('àéîõü') as bytes;
