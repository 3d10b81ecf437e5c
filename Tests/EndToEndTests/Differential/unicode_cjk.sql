select '日本語' as jp, 'abc' as latin, '中文字符' as zh;
select '한국어' as "열", 12 as n;
select * from (values ('東京', 1), ('Osaka', 22), ('名古屋市', 333)) v("都市", num);
select 'ｆｕｌｌｗｉｄｔｈ' as fw, 'ｱｲｳ' as halfwidth_kana;
