# bash completion for httpcodes: subcommands, options, and the codes httpcodes knows: statuses,
# business error codes, header fields and your own codes (asked of httpcodes itself, with
# --complete, so the list is never out of date; case is ignored: nosuchk -> NoSuchKey).
_httpcodes()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--lang|-l) COMPREPLY=($(compgen -W 'zh en both' -- "$cur")); return ;;
	--format) COMPREPLY=($(compgen -W 'csv json' -- "$cur")); return ;;
	--style) COMPREPLY=($(compgen -W 'google azure zalando' -- "$cur")); return ;;
	--color) COMPREPLY=($(compgen -W 'auto always never' -- "$cur")); return ;;
	--limit) COMPREPLY=($(compgen -W '10 20 50 100 all' -- "$cur")); return ;;
	--db|import|explain) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--team|--product|--status|--en|--zh|--description-en|--description-zh|--advice-en|--advice-zh|--interactive|-i) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '--json --lang --db --team --product --status --en --zh
			--description-en --description-zh --advice-en --advice-zh --format --style --skip-invalid
			--replace --crlf
			--stats --brief --limit --color --no-pager --interactive --help --version' -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -W "search explain choose add edit rm import export bookmarks help 1xx 2xx 3xx 4xx 5xx 6xx 7xx 9xx" -- "$cur"))
	# The codes, one a line, taken as they are (no word splitting on blanks, no globbing); from
	# the database --db names on the line, if it does.
	local code i db=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i]} == --db ]] && db=(--db "${COMP_WORDS[i+1]}")
	done
	while IFS= read -r code; do
		COMPREPLY+=("$code")
	done < <(httpcodes "${db[@]}" --complete "$cur" 2>/dev/null)
}
complete -F _httpcodes httpcodes
