function __tidepool_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tidepool_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tidepool_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tidepool_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tidepool_parse_tokens -S
    set -l unparsed_tokens (__tidepool_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tidepool'
        __tidepool_parse_subcommand -r 1 'h/host=' 'p/port=' 'U/username=' 'd/dbname=' 'w/no-password' 'W/password' 'c/command=+' 'f/file=+' 'v/set=+' 'X/no-psqlrc' '1/single-transaction' 'a/echo-all' 'b/echo-errors' 'e/echo-queries' 'E/echo-hidden' 'q/quiet' 'l/list' 'L/log-file=' 's/single-step' 'S/single-line' 'n/no-readline' 'o/output=' 'A/no-align' 'csv' 'F/field-separator=' 'P/pset=+' 'R/record-separator=' 't/tuples-only' 'T/table-attr=' 'x/expanded' 'H/html' 'z/field-separator-zero' '0/record-separator-zero' 'pool-min=' 'pool-max=' 'acquire-timeout=' 'idle-timeout=' 'idle-tx-timeout=' 'timing' 'no-timing' 'ephemeral' 'pipeline' 'V' 'version' '?/help'
        switch $unparsed_tokens[1]
        case 'help'
            __tidepool_parse_subcommand -r 1 'version'
        end
    end
end

function __tidepool_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tidepool_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __tidepool_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tidepool_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tidepool_tokens -p)
    if test -z "$(__tidepool_tokens -t)"
        set -l index (count (__tidepool_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tidepool' -f
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" h host' -s 'h' -l 'host' -d 'Database server host or socket directory.' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" p port' -s 'p' -l 'port' -d 'Database server port.' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" U username' -s 'U' -l 'username' -d 'Database user name.' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" d dbname' -s 'd' -l 'dbname' -d 'Database name to connect to.' -rfka '(__tidepool_custom_completion ---completion -- --dbname (count (__tidepool_tokens -pc)) (__tidepool_tokens -tC))'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" no-password w' -s 'w' -l 'no-password' -d 'Never prompt for password.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" W password' -s 'W' -l 'password' -d 'Force password prompt.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool"' -s 'c' -l 'command' -d 'Run only a single command (SQL or internal) and exit; repeatable.' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool"' -s 'f' -l 'file' -d 'Execute commands from file, then exit; repeatable; - is stdin.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sql\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool"' -s 'v' -l 'set' -l 'variable' -d 'Set variable NAME to VALUE (NAME=VALUE).' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" X no-psqlrc' -s 'X' -l 'no-psqlrc' -d 'Do not read the start-up file (~/.tidepoolrc).'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" 1 single-transaction' -s '1' -l 'single-transaction' -d 'Execute as a single transaction (if non-interactive).'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" a echo-all' -s 'a' -l 'echo-all' -d 'Echo all input from script.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" b echo-errors' -s 'b' -l 'echo-errors' -d 'Echo failed commands.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" e echo-queries' -s 'e' -l 'echo-queries' -d 'Echo commands sent to server.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" E echo-hidden' -s 'E' -l 'echo-hidden' -d 'Display queries that internal commands generate.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" q quiet' -s 'q' -l 'quiet' -d 'Run quietly (no messages, only query output).'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" l list' -s 'l' -l 'list' -d 'List available databases, then exit.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" L log-file' -s 'L' -l 'log-file' -d 'Send session log to file.' -rF
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" s single-step' -s 's' -l 'single-step' -d 'Single-step mode (confirm each query).'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" S single-line' -s 'S' -l 'single-line' -d 'Single-line mode (end of line terminates SQL command).'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" n no-readline' -s 'n' -l 'no-readline' -d 'Disable enhanced command line editing (accepted for psql compatibility).'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" o output' -s 'o' -l 'output' -d 'Send query results to file.' -rF
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" A no-align' -s 'A' -l 'no-align' -d 'Unaligned table output mode.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" csv' -l 'csv' -d 'CSV (Comma-Separated Values) table output mode.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" F field-separator' -s 'F' -l 'field-separator' -d 'Field separator for unaligned output (default: "|").' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool"' -s 'P' -l 'pset' -d 'Set printing option VAR to ARG (see \\pset command).' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" R record-separator' -s 'R' -l 'record-separator' -d 'Record separator for unaligned output (default: newline).' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" t tuples-only' -s 't' -l 'tuples-only' -d 'Print rows only.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" T table-attr' -s 'T' -l 'table-attr' -d 'Set HTML table tag attributes (e.g., width, border).' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" expanded x' -s 'x' -l 'expanded' -d 'Turn on expanded table output.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" H html' -s 'H' -l 'html' -d 'HTML table output mode.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" field-separator-zero z' -s 'z' -l 'field-separator-zero' -d 'Set field separator for unaligned output to zero byte.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" 0 record-separator-zero' -s '0' -l 'record-separator-zero' -d 'Set record separator for unaligned output to zero byte.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" pool-min' -l 'pool-min' -d 'Connections the pool keeps open.' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" pool-max' -l 'pool-max' -d 'Most connections the pool opens.' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" acquire-timeout' -l 'acquire-timeout' -d 'Seconds a statement waits for a pooled connection before failing.' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" idle-timeout' -l 'idle-timeout' -d 'Seconds an idle pooled connection above --pool-min stays open.' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" idle-tx-timeout' -l 'idle-tx-timeout' -d 'Roll back a transaction block left idle this many seconds.' -rfka ''
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" timing' -l 'timing' -d 'Print the timing line after each statement (default at a terminal).'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" no-timing' -l 'no-timing' -d 'Do not print timing lines.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" ephemeral' -l 'ephemeral' -d 'Start a throwaway local PostgreSQL server, connect to it, and remove it at exit.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" pipeline' -l 'pipeline' -d 'Send a script\'s statements in libpq pipeline mode.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_positional "tidepool" -ge 1' -fka '(__tidepool_custom_completion ---completion -- positional@0 (count (__tidepool_tokens -pc)) (__tidepool_tokens -tC))'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" V' -s 'V' -d 'Output version information, then exit.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" version' -l 'version' -d 'Show the version.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool" ? help' -s '?' -l 'help' -d 'Show help information.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_positional "tidepool" -eq 2' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tidepool' -n '__tidepool_should_offer_completions_for_flags_or_options "tidepool help" version' -l 'version' -d 'Show the version.'
