-- '' doubles a quote; E'' understands backslash escapes.
select 'it''s' as doubled, '' as empty, '''' as lone_quote;
select E'tab\there' as tabbed, E'back\\slash' as backslash, E'quote\'s' as escaped_quote;
select E'line1\nline2' as newline_escape;
select 'semi;colon' as s, 'dash -- not a comment' as d, '/* not a comment */' as c;
select U&'d\0061t\+000061' as unicode_escape, U&'!0441' uescape '!' as custom_escape;
select length('a''b;c') as len;
