# bash completion for httpcodes: subcommands, options, and the codes httpcodes knows
# (asked of httpcodes itself, so the list is never out of date).
_httpcodes()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	--lang|-l) COMPREPLY=($(compgen -W 'zh en both' -- "$cur")); return ;;
	--format) COMPREPLY=($(compgen -W 'csv json' -- "$cur")); return ;;
	--style) COMPREPLY=($(compgen -W 'google azure zalando' -- "$cur")); return ;;
	--db|import|explain) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--team|--product|--status|--en|--zh|--description-en|--description-zh|--advice-en|--advice-zh) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '--json --lang --db --team --product --status --en --zh
			--description-en --description-zh --advice-en --advice-zh --format --style --skip-invalid
			--replace --crlf
			--stats --help --version' -- "$cur"))
		return
	fi
	local codes
	codes=$(httpcodes 0-999 2>/dev/null | cut -c1-3)
	COMPREPLY=($(compgen -W "search explain choose add edit rm import export bookmarks help 1xx 2xx 3xx 4xx 5xx 6xx 7xx 9xx $codes" -- "$cur"))
}
complete -F _httpcodes httpcodes
