select '🙂' as smile, 'ok' as plain;
select '🐘🐘🐘' as elephants, length('🐘🐘🐘') as len;
select * from (values ('a🙂b', 1), ('🎉', 22), ('plain', 333)) v(s, n);
select '👍🏽' as skin_tone, '👨‍👩‍👧' as family;
