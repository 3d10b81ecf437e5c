select 1 as "数量", 'abc' as "名前", 'long value here' as "x";
select '' as "列一", null as "列二";
