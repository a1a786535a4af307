/* lang: the user's language, and every message and label in English and Chinese. */
#ifndef HTTPCODES_LANG_H
#define HTTPCODES_LANG_H

#include <stddef.h>
#include <stdio.h>

enum lang { LANG_EN, LANG_ZH, LANG_BOTH };

/* zh when LC_ALL, else LC_MESSAGES, else LANG starts with "zh"; en otherwise. */
enum lang lang_from_env(void);
/* The language when --lang does not say: HTTPCODES_LANG, else the one kept in the settings
 * (configured, may be NULL or ""), else LANGUAGE's first zh or en, else lang_from_env. */
enum lang lang_default(const char *configured);
/* "en", "zh" or "both" (also "zh_CN", "chinese", "english"); returns -1 if unknown. */
int lang_parse(const char *s, enum lang *out);

/* Messages: id, English, Chinese. printf formats take the same arguments in the same order. */
#define MESSAGES(X) \
	X(MSG_USAGE_HINT, "try 'httpcodes --help'", "请运行 'httpcodes --help' 查看用法") \
	X(MSG_UNKNOWN_OPTION, "unknown option '%s'", "未知选项 '%s'") \
	X(MSG_OPTION_NEEDS_ARG, "option '%s' needs a value", "选项 '%s' 需要一个值") \
	X(MSG_BAD_LANG, "unknown language '%s' (use zh, en or both)", "未知语言 '%s'（可用 zh、en 或 both）") \
	X(MSG_NO_QUERY, "'search' needs a query", "'search' 需要一个查询词") \
	X(MSG_NO_MATCH, "nothing matches '%s'", "没有与 '%s' 匹配的内容") \
	X(MSG_NO_RESULTS, "no results for '%s'", "没有找到与 '%s' 相关的结果") \
	X(MSG_BAD_PATTERN, "'%s' is not a status code or pattern (examples: 404, 4xx, 40x)", \
	  "'%s' 不是状态码或模式（例如 404、4xx、40x）") \
	X(MSG_DB_ERROR, "database error: %s", "数据库错误：%s") \
	X(MSG_DB_OPEN, "cannot open database %s", "无法打开数据库 %s") \
	X(MSG_USER_DB_SKIPPED, "your database %s cannot be used; showing the built-in data only", \
	  "无法使用你的数据库 %s，仅显示内置数据") \
	X(MSG_USER_DB_LOCKED, "your own rows could not be read: %s is locked by another program; showing the built-in data only", \
	  "无法读取你自己的数据：%s 正被其他程序锁定，仅显示内置数据") \
	X(MSG_MIGRATING, "updating %s for this version of httpcodes: its search index is made again from its rows, once (about two minutes for a million)", \
	  "正在为此版本的 httpcodes 更新 %s：用其中的行重建搜索索引，只需一次（百万行约需两分钟）") \
	X(MSG_USER_DB_NEWER, "%s was written by a newer httpcodes: its rows are shown, but it cannot be changed here", \
	  "%s 由更新版本的 httpcodes 写入：可以查看其中的数据，但不能在这里修改") \
	X(MSG_NO_TERMINAL, "cannot open the terminal browser (TERM=%s); the command line still works: httpcodes 404, httpcodes search timeout", \
	  "无法打开终端浏览界面（TERM=%s）；命令行仍可使用：httpcodes 404、httpcodes search 超时") \
	X(MSG_TOO_SMALL, "terminal too small: %s needed", "终端太小：至少需要 %s") \
	X(MSG_COPIED, "copied: %s", "已复制：%s") \
	X(MSG_NOTHING_TO_COPY, "nothing to copy", "没有可复制的内容") \
	X(MSG_NO_LINK, "no link that way", "这个方向没有链接了") \
	X(MSG_CONFIG_BAD, "settings file, line %d: '%s' is not a setting httpcodes knows (ignored)", \
	  "设置文件第 %d 行：“%s”不是 httpcodes 认识的设置（已忽略）") \
	X(MSG_CONFIG_SAVE_FAILED, "cannot keep the setting in '%s'", "无法把设置保存到“%s”") \
	X(MSG_THEME_NOW, "theme: %s (kept for next time)", "配色：%s（下次启动沿用）") \
	X(MSG_LAYOUT_NOW, "layout: %s (kept for next time)", "布局：%s（下次启动沿用）") \
	X(MSG_NO_RESULTS_SHORT, "no results", "没有结果") \
	X(MSG_CLOSEST, "no result has every word of '%s'; closest matches", \
	  "没有结果包含 '%s' 的所有词；以下为最接近的结果") \
	X(MSG_CLOSEST_SHORT, "no result has every word; closest matches", "没有结果包含所有词；以下为最接近的结果") \
	X(MSG_CLOSEST_BRIEF, "closest matches", "最接近的结果") \
	X(MSG_COMPARED, "how %d differs from %d", "%d 与 %d 的区别") \
	X(MSG_CLOSEST_AFTER, "few results have every word of '%s'; the closest matches follow them", \
	  "包含 '%s' 所有词的结果很少；其后为最接近的结果") \
	X(MSG_LINE, "line %s: ", "第 %s 行：") \
	X(MSG_P_UNKNOWN_COLUMN, "unknown column '%s'", "未知的列“%s”") \
	X(MSG_P_NO_ERROR_CODE, "the error code is missing%s", "缺少错误码%s") \
	X(MSG_P_BAD_STATUS, "'%s' is not an HTTP status (100-599)", "“%s”不是 HTTP 状态码（100-599）") \
	X(MSG_P_BAD_UTF8, "%s is not valid UTF-8", "%s 不是有效的 UTF-8") \
	X(MSG_P_CONTROL, "%s contains control characters", "%s 含有控制字符") \
	X(MSG_P_NO_MESSAGE, "a message in English or Chinese is needed%s", "至少需要英文或中文消息%s") \
	X(MSG_P_DUPLICATE, "the same error code as line %s", "与第 %s 行的错误码重复") \
	X(MSG_P_EXISTS, "%s is already in your database (use 'httpcodes edit')", \
	  "%s 已在你的数据库中（可用 'httpcodes edit' 修改）") \
	X(MSG_P_TOO_LONG, "%s is too long", "%s 过长") \
	X(MSG_P_NOT_OBJECT, "not an object%s", "不是对象%s") \
	X(MSG_P_NOT_TEXT, "%s must be text", "%s 必须是文本") \
	X(MSG_P_BAD_CSV, "not valid CSV: %s", "不是有效的 CSV：%s") \
	X(MSG_P_BAD_JSON, "not valid JSON: %s", "不是有效的 JSON：%s") \
	X(MSG_P_FIELD_COUNT, "%s fields, but the header has a different number", "有 %s 个字段，与表头的列数不同") \
	X(MSG_P_TOO_BIG, "'%s' has more than 2,000,000 rows: import it in parts", "“%s”超过 2,000,000 行：请分几次导入") \
	X(MSG_P_NUL, "the file contains NUL bytes: not a text file%s", "文件含有 NUL 字节，不是文本文件%s") \
	X(MSG_P_WIDE, "the file is %s text, not UTF-8: save it as UTF-8", "文件是 %s 编码的文本，不是 UTF-8：请另存为 UTF-8") \
	X(MSG_P_DUP_COLUMN, "column '%s' appears twice in the header", "表头中“%s”列出现了两次") \
	X(MSG_P_TOO_MANY_COLUMNS, "the header has more than %s columns", "表头超过 %s 列") \
	X(MSG_P_DUP_KEY, "key '%s' appears twice in this object", "此对象中的键“%s”出现了两次") \
	X(MSG_P_INVISIBLE, "%s contains invisible or direction-changing characters", "%s 含有不可见字符或改变文字方向的字符") \
	X(MSG_CANNOT_READ, "cannot read '%s'", "无法读取“%s”") \
	X(MSG_CANNOT_SAVE, "cannot save to your database %s", "无法保存到你的数据库 %s") \
	X(MSG_SET_ASIDE, "your database was damaged: it is kept as %s, and a new one was started", \
	  "你的数据库已损坏：已保留为 %s，并新建了一个数据库") \
	X(MSG_NOTHING_IMPORTED, "nothing imported: %s bad rows (use --skip-invalid to import the rest)", \
	  "未导入任何内容：有 %s 行有问题（可用 --skip-invalid 导入其余各行）") \
	X(MSG_IMPORTED, "imported %s rows", "已导入 %s 行") \
	X(MSG_NOTHING_IMPORTED_DB, "nothing imported; your database is as it was", "未导入任何内容；你的数据库保持原样") \
	X(MSG_SKIPPED, "skipped %s bad rows", "跳过了 %s 行有问题的数据") \
	X(MSG_P_EXISTS_IMPORT, "%s is already in your database (import --replace updates it)", \
	  "%s 已在你的数据库中（可用 import --replace 更新它）") \
	X(MSG_ADDED_ROWS, "added %s new rows", "新增了 %s 行") \
	X(MSG_UPDATED_ROWS, "updated %s rows already in your database", "更新了数据库中已有的 %s 行") \
	X(MSG_UNCHANGED_ROWS, "left %s rows as they were: the file holds the same", "%s 行与文件中的相同，未作改动") \
	X(MSG_ADDED, "added %s", "已添加 %s") \
	X(MSG_EDITED, "changed %s", "已修改 %s") \
	X(MSG_REMOVED, "removed %s", "已删除 %s") \
	X(MSG_NOT_YOURS, "%s is not in your database", "你的数据库中没有 %s") \
	X(MSG_NO_SUCH_NAME, "no code or error code named '%s'", "没有名为“%s”的状态码或错误码") \
	X(MSG_EMPTY_ARG, "an empty argument names nothing: give a code (404), a pattern (4xx) or an error code", \
	  "参数为空：请给出状态码（404）、模式（4xx）或错误码") \
	X(MSG_AMBIGUOUS, "%s is in your database more than once; say which one, with one of these:", \
	  "你的数据库中有不止一个 %s；请用下面其中一项指明是哪一个：") \
	X(MSG_CANDIDATE, "  %s", "  %s") \
	X(MSG_ELEMENT, "element %s, line %s: ", "第 %s 个元素，第 %s 行：") \
	X(MSG_P_DUPLICATE_ELEMENT, "the same error code as element %s", "与第 %s 个元素的错误码重复") \
	X(MSG_USAGE_BOOKMARKS, "usage: httpcodes bookmarks", "用法：httpcodes bookmarks") \
	X(MSG_NO_BOOKMARKS, "no bookmarks or notes yet (in the browser: m bookmarks a code, c writes a note)", \
	  "还没有书签或笔记（在浏览界面中按 m 加书签，按 c 写笔记）") \
	X(MSG_USAGE_ADD, "usage: httpcodes add ERROR_CODE STATUS [--team T] [--product P] [--en MESSAGE] [--zh MESSAGE]", \
	  "用法：httpcodes add 错误码 状态码 [--team 团队] [--product 产品] [--en 英文消息] [--zh 中文消息]") \
	X(MSG_USAGE_CODE, "usage: httpcodes %s ERROR_CODE [--team T] [--product P] ...", \
	  "用法：httpcodes %s 错误码 [--team 团队] [--product 产品] ...") \
	X(MSG_USAGE_IMPORT, "usage: httpcodes import FILE [--skip-invalid] [--replace]", \
	  "用法：httpcodes import 文件 [--skip-invalid] [--replace]") \
	X(MSG_BAD_FORMAT, "unknown format '%s' (use csv or json)", "未知格式“%s”（可用 csv 或 json）") \
	X(MSG_NOT_YOUR_MAPPING, "only your own error codes can be changed here (press a to add one)", \
	  "这里只能修改你自己的错误码（按 a 添加）") \
	X(MSG_BOOKMARKED, "bookmarked %s", "已加书签：%s") \
	X(MSG_UNBOOKMARKED, "bookmark removed: %s", "已取消书签：%s") \
	X(MSG_NOTE_SAVED, "note saved on %s", "已保存 %s 的笔记") \
	X(MSG_NO_CODE_HERE, "select a code first", "请先选择一个状态码") \
	X(MSG_MARK_STATUS_ONLY, "%s is a business error; bookmarks and notes are for status codes (open %s)", \
	  "%s 是业务错误码；书签和笔记只能加在状态码上（可打开 %s）") \
	X(MSG_EXH_RETRY_SECONDS, "wait %s seconds before trying again", "等待 %s 秒后再重试") \
	X(MSG_EXH_RETRY_DATE, "try again after %s", "在 %s 之后再重试") \
	X(MSG_EXH_AUTH, "how to authenticate, and what was wrong: %s", "应使用的认证方式及出错原因：%s") \
	X(MSG_EXH_LOCATION, "the address to go to instead: %s", "应改为访问的地址：%s") \
	X(MSG_EXH_ALLOW, "the methods this resource accepts: %s", "该资源接受的方法：%s") \
	X(MSG_EXH_CODE, "the error code, given in a header: %s", "头部给出的错误码：%s") \
	X(MSG_EXH_GRPC, "the gRPC status: %s", "gRPC 状态：%s") \
	X(MSG_EXH_SERVER, "the server that answered: %s", "作出响应的服务器：%s") \
	X(MSG_EXH_REQUEST_ID, "the request's id: quote it to the vendor's support", "请求 ID：联系厂商支持时提供它") \
	X(MSG_EXH_RATELIMIT, "requests left in this window: %s", "本时间窗口内剩余的请求数：%s") \
	X(MSG_EXP_BINARY, "the input looks binary; only its text was read", "输入像是二进制数据；只读取了其中的文本") \
	X(MSG_EXP_TOO_LARGE, "the input is larger than 16 MB; only the first 16 MB were read", \
	  "输入超过 16 MB；只读取了前 16 MB") \
	X(MSG_EXP_BAD_JSON, "the body is not valid JSON (cut short, or nested too deeply); it was read as text", \
	  "正文不是有效的 JSON（被截断或嵌套过深）；已按文本读取") \
	X(MSG_EXP_BAD_XML, "the body is not well-formed XML; it was read as text", "正文不是格式正确的 XML；已按文本读取") \
	X(MSG_EXP_XML_ENTITY, "the XML body declares or uses entities; it was not read (entities are never expanded)", \
	  "XML 正文声明或使用了实体，未读取（从不展开实体）") \
	X(MSG_EXP_BAD_UTF8, "the input is not valid UTF-8; invalid bytes are shown as \xEF\xBF\xBD", \
	  "输入不是有效的 UTF-8；无效字节显示为 \xEF\xBF\xBD") \
	X(MSG_EX_NOTHING, "nothing recognised: no status, error code or log line found", \
	  "未能识别：没有找到状态码、错误码或日志行") \
	X(MSG_EX_EMPTY, "nothing to explain: the input is empty", "没有可解释的内容：输入为空") \
	X(MSG_EX_ONE_FILE, "explain reads one file at a time: '%s' is one too many", \
	  "explain 一次只读一个文件：多出了“%s”") \
	X(MSG_GUIDE_NO_ANSWER, "'%s' is not one of the answers to this question", "“%s”不是这个问题的选项") \
	X(MSG_GUIDE_NO_STYLE, "unknown house style '%s' (use google, azure or zalando)", \
	  "未知的风格“%s”（可用 google、azure 或 zalando）") \
	X(MSG_EX_PASTE, "paste a response, an error body or a log line, then press Ctrl-D", \
	  "请粘贴响应、错误正文或日志行，然后按 Ctrl-D") \
	X(MSG_EX_LOG_SUMMARY, "%s lines, %s of them requests in an access log", "共 %s 行，其中 %s 行是访问日志中的请求") \
	X(MSG_MARK_NO_STATUS, "%s is a business error; bookmarks and notes are for status codes", \
	  "%s 是业务错误码；书签和笔记只能加在状态码上") \
	X(MSG_COPY_FAILED, "cannot copy: the terminal does not take OSC 52, and no wl-copy, xclip or xsel worked here", \
	  "无法复制：终端不接受 OSC 52，wl-copy、xclip 和 xsel 在这里也都用不了") \
	X(MSG_DB_ERROR_TUI, "database error: %s", "数据库错误：%s") \
	X(MSG_CANNOT_WRITE, "cannot write the output", "无法写出输出内容") \
	X(MSG_CSV_UNSAFE, "cannot export '%s' as CSV: it holds control characters or invalid UTF-8; nothing was written (use --format json)", \
	  "无法把“%s”导出为 CSV：其中含有控制字符或无效的 UTF-8；没有写出任何内容（可改用 --format json）") \
	X(MSG_USAGE_EXPORT, "usage: httpcodes export [--format csv|json] [--db PATH] [--crlf]", \
	  "用法：httpcodes export [--format csv|json] [--db 路径] [--crlf]") \
	X(MSG_SIZE_IGNORED, "ignored '%s': no terminal is that large", \
	  "已忽略“%s”：没有这么大的终端") \
	X(MSG_BAD_LIMIT, "'%s' is not a number of results (use a number; 0 or all for every one)", \
	  "“%s”不是有效的结果数（请用数字；0 或 all 表示全部）") \
	X(MSG_BAD_COLOR, "unknown --color value '%s' (use auto, always or never)", \
	  "未知的 --color 取值“%s”（可用 auto、always 或 never）") \
	X(MSG_NEEDS_TERMINAL, "-i opens the browser, which needs a terminal; in a pipe or a script: httpcodes search %s", \
	  "-i 会打开浏览界面，需要在终端中运行；在管道或脚本中请用：httpcodes search %s") \
	X(MSG_SEARCH_MORE, "... and %s more (--limit N shows more, --limit all every one)", \
	  "……另有 %s 条结果（--limit N 显示更多，--limit all 显示全部）") \
	X(MSG_PAGER_FAILED, "printed without the pager '%s'", "未经分页程序“%s”，直接输出")

/* Labels of the output. */
#define LABELS(X) \
	X(L_CLASS, "Class", "类别") \
	X(L_SPEC, "Specification", "规范") \
	X(L_REGISTRY, "Registry", "注册状态") \
	X(L_ALIASES, "Also called", "别名") \
	X(L_HEADERS, "Headers", "相关头部") \
	X(L_RETRY, "Retry", "重试") \
	X(L_RETRY_NEVER, "no use: the same request gets the same answer", "没有用：同样的请求会得到同样的结果") \
	X(L_RETRY_AFTER, "yes, after Retry-After (or a while)", "可以，等 Retry-After 指定的时间（或一段时间）后") \
	X(L_RETRY_BACKOFF, "yes, with exponential backoff and jitter", "可以，使用带随机抖动的指数退避") \
	X(L_RETRY_IDEMPOTENT, "only idempotent requests (GET, PUT, DELETE ...)", "仅限幂等请求（GET、PUT、DELETE 等）") \
	X(L_RETRY_CHANGED, "only after changing the request", "修改请求之后才可以") \
	X(L_CACHEABLE, "Cacheable", "默认可缓存") \
	X(L_CACHEABLE_YES, "yes, by default (RFC 9110, Section 15.1)", "是，默认可缓存（RFC 9110 第 15.1 节）") \
	X(L_CACHEABLE_NO, "only when the response says so", "仅当响应明确允许时") \
	X(L_BODY, "Content", "响应内容") \
	X(L_BODY_YES, "may carry content", "可以带内容") \
	X(L_BODY_NO, "never carries content", "不能带内容") \
	X(L_GRPC, "gRPC", "gRPC") \
	X(L_GRPC_SAYS, "a gRPC client reports %s", "gRPC 客户端报告为 %s") \
	X(L_HEADER_LINKS, "Headers that go with it", "随之使用的头部") \
	X(L_ROLE_REQUIRED, "required", "必需") \
	X(L_ROLE_USUAL, "usual", "常用") \
	X(L_ROLE_RELATED, "related", "相关") \
	X(L_CONSTANTS, "In code", "代码中的常量") \
	X(L_HEADER_GOES_WITH, "Statuses it goes with", "随之使用的状态码") \
	X(L_EXAMPLE, "Example", "示例") \
	X(L_DESCRIPTION, "Description", "说明") \
	X(L_CAUSES, "Typical causes", "常见原因") \
	X(L_ADVICE, "What to do", "处理建议") \
	X(L_RELATED, "Often confused with", "容易混淆的状态码") \
	X(L_NO_STATUS, "no status of its own", "本身没有状态码") \
	X(L_RELATED_STATUSES, "Statuses related to it", "相关的状态码") \
	X(L_MEANINGS, "What senders mean by this number", "各厂商对该数字的用法") \
	X(L_MAPPINGS, "Business errors returned with this status", "使用该状态码的业务错误码") \
	X(L_MAPPINGS_MORE, "... and %zu more of your own: search for them, or open your team under Business errors", \
	  "……另有你自己的 %zu 条：可搜索，或在“业务错误码”中打开你的团队") \
	X(L_SOURCE, "Source", "来源") \
	X(L_MESSAGE, "Message", "消息") \
	X(L_STATUS, "HTTP status", "HTTP 状态码") \
	X(L_REF, "Reference", "出处") \
	X(L_STATUS_UNDOCUMENTED, "status not documented", "未公布状态码") \
	X(L_EX_RESPONSE, "Response", "响应") \
	X(L_EX_BODY, "Error body", "错误正文") \
	X(L_EX_LOG_LINE, "Log line", "日志行") \
	X(L_EX_TEXT, "Text", "文本") \
	X(L_EX_FROM, "from %s", "来自 %s") \
	X(L_EX_NO_STATUS, "no status found", "未找到状态码") \
	X(L_EX_ERROR_CODE, "Error code", "错误码") \
	X(L_EX_REQUEST_ID, "Request id", "请求 ID") \
	X(L_EX_REQUEST, "Request", "请求") \
	X(L_EX_SEE, "More at", "详见") \
	X(L_EX_DETAIL, "Detail", "细分原因") \
	X(L_EX_BEFORE, "Before it", "之前的响应") \
	X(L_EX_TARGET, "Target's status", "后端的状态码") \
	X(L_EX_BY_MAPPING, "(not in the input: the status this error code comes with)", \
	  "（输入中没有：这是该错误码对应的状态码）") \
	X(L_EX_SENDER_MEANS, "What the sender means by it", "发送方对该数字的用法") \
	X(L_EX_BUSINESS, "Business error", "业务错误码") \
	X(L_EX_LOG_SAYS, "What the log line says", "日志行的含义") \
	X(L_EX_CLIENT_GOT, "the client got %d", "客户端收到 %d") \
	X(L_EX_HEADERS, "Headers that change the meaning", "影响含义的头部") \
	X(L_EX_SUMMARY, "Requests by status", "按状态码统计的请求") \
	X(L_EX_CLASSES, "By class", "按类别") \
	X(L_EX_OTHER_LINES, "%s lines were not requests of an access log", "%s 行不是访问日志中的请求") \
	X(L_GUIDE_SEND, "Send with it", "同时发送") \
	X(L_GUIDE_WHY, "Why", "原因") \
	X(L_GUIDE_MISTAKE, "The mistake it avoids", "避免的常见错误") \
	X(L_GUIDE_ALTERNATIVES, "The nearest alternatives", "最接近的其他选择") \
	X(L_GUIDE_STYLES, "Where house styles differ", "各家风格的不同做法") \
	X(L_GUIDE_STYLE_AGREES, "%s's house style, which keeps RFC 9110's %03d here", "%s的风格，在这里与 RFC 9110 一样用 %03d") \
	X(L_GUIDE_STYLE_SAYS, "%s's house style; RFC 9110's default is %03d", "%s的风格；RFC 9110 的默认做法是 %03d") \
	X(L_GUIDE_BUSINESS, "Business errors sent with it", "随之返回的业务错误码") \
	X(L_GUIDE_ANSWER, "answer 1-%d (b back, q quit): ", "请选择 1-%d（b 返回，q 退出）：") \
	X(L_ST_STANDARD, "standard", "标准") \
	X(L_ST_UNUSED, "unused (reserved)", "未使用（保留）") \
	X(L_ST_OBSOLETED, "obsoleted", "已废弃") \
	X(L_ST_TEMPORARY, "temporary registration", "临时注册") \
	X(L_ST_UNOFFICIAL, "unofficial (not in the IANA registry)", "非官方（未在 IANA 注册）") \
	X(L_EXPIRES, "expires %s", "%s 到期") \
	X(L_EXPIRED, "expired on %s", "已于 %s 到期") \
	X(L_KIND_STATUS, "status", "状态码") \
	X(L_KIND_MEANING, "vendor meaning", "厂商用法") \
	X(L_KIND_MAPPING, "business error", "业务错误码") \
	X(L_KIND_NOTE, "your note", "你的笔记") \
	X(L_KIND_HEADER, "header field", "头部字段") \
	X(L_NOTE, "Your note", "你的笔记") \
	X(L_BOOKMARKS, "Bookmarks", "书签") \
	X(L_OTHER_NUMBERS, "Other numbers (outside the HTTP classes)", "其他数字（不属于 HTTP 的五类）") \
	X(L_TAB_CODES, "Codes", "状态码") \
	X(L_TAB_BUSINESS, "Business errors", "业务错误码") \
	X(L_TAB_SEARCH, "Search", "搜索") \
	X(L_ALL_CLASSES, "all classes", "全部类别") \
	X(L_ITEMS, "%d items", "%d 项") \
	X(L_ITEMS_FIRST, "the first %d of %d (search for the rest)", "前 %d 项，共 %d 项（其余请搜索）") \
	X(L_HELP_TITLE, "Keys (%s scroll, any other key closes)", "按键（%s 滚动，其他键关闭）") \
	X(L_LANG_NOW, "English", "中文") \
	X(L_THEME_AUTO, "automatic (from the terminal's background)", "自动（按终端背景）") \
	X(L_THEME_DARK, "dark background", "深色背景") \
	X(L_THEME_LIGHT, "light background", "浅色背景") \
	X(L_THEME_MONO, "no colour", "无颜色") \
	X(L_LAYOUT_AUTO, "automatic (side by side from 80 columns)", "自动（80 列起左右并排）") \
	X(L_LAYOUT_SIDE, "side by side (from 60 columns)", "左右并排（60 列起）") \
	X(L_LAYOUT_STACKED, "list above the details", "列表在上，详情在下") \
	X(L_SEARCH_PROMPT, "search", "搜索") \
	X(L_F_ERROR_CODE, "Error code", "错误码") \
	X(L_F_STATUS, "HTTP status", "HTTP 状态码") \
	X(L_F_TEAM, "Team or source", "团队或来源") \
	X(L_F_PRODUCT, "Product", "产品") \
	X(L_F_MSG_EN, "Message (English)", "消息（英文）") \
	X(L_F_MSG_ZH, "Message (Chinese)", "消息（中文）") \
	X(L_F_DESC_EN, "Description (English)", "说明（英文）") \
	X(L_F_DESC_ZH, "Description (Chinese)", "说明（中文）") \
	X(L_F_ADVICE_EN, "Advice (English)", "建议（英文）") \
	X(L_F_ADVICE_ZH, "Advice (Chinese)", "建议（中文）") \
	X(L_FORM_ADD, "Add your error code", "添加你的错误码") \
	X(L_FORM_EDIT, "Edit your error code", "修改你的错误码") \
	X(L_NOTE_PROMPT, "Your note on %s (empty removes it): ", "对 %s 的笔记（留空即删除）：") \
	X(L_DELETE_PROMPT, "Delete %s? y/n ", "删除 %s？y/n ") \
	X(L_STATS_TABLES, "What the built-in data holds", "内置数据的内容") \
	X(L_STATS_MAPPINGS, "Business errors per source", "各来源的业务错误码数") \
	X(L_STATS_MEANINGS, "Vendor meanings per sender", "各来源的厂商用法数") \
	X(L_SUGGESTIONS, "Suggestions (none of them an exact match)", "建议（都不是精确匹配）") \
	X(L_YOURS, "Yours", "自定义") \
	X(L_TEAM_YOURS, "%s (yours)", "%s（自定义）") \
	X(L_STATS_STATUSES, "HTTP status codes", "HTTP 状态码") \
	X(L_STATS_ALIASES, "Other names of status codes", "状态码的别名") \
	X(L_STATS_RELATED, "Codes often confused with another", "容易混淆的状态码组合") \
	X(L_STATS_SOURCES, "Senders and sources", "厂商与来源") \
	X(L_STATS_HEADERS, "Header fields", "头部字段") \
	X(L_STATS_CONSTANTS, "Frameworks' names of statuses", "框架中的状态码常量") \
	X(L_STATS_CONCEPTS, "Ideas searched in people's words", "按日常说法检索的概念") \
	X(L_STATS_VENDOR, "Vendor meanings of numbers", "厂商对数字的用法") \
	X(L_STATS_BUSINESS, "Business errors", "业务错误码") \
	X(L_STATS_NO_STATUS, "Business errors documented without a status", "未公布状态码的业务错误码") \
	X(L_STATS_LOG_PHRASES, "What log lines say (nginx, Apache, Envoy)", "日志短语的含义（nginx、Apache、Envoy）") \
	X(L_HELP_ABOUT, "HTTP status codes, vendor meanings and business errors (English / 中文)", \
	  "HTTP 状态码、厂商用法与业务错误码速查（中文 / English）") \
	X(L_HELP_USAGE, "Usage:", "用法：") \
	X(L_HELP_OPTIONS, "Options:", "选项：") \
	X(L_HELP_EXIT, "Exit status: 0 found; 1 nothing found (or only suggestions), or bad rows in an import;\n" \
	  "2 usage error, an empty query, or an input file that cannot be read; 3 database,\n" \
	  "output or terminal error; 128+N when signal N ends the browser.", \
	  "退出状态：0 找到；1 没有找到（或只有建议），或导入时有问题行；2 用法错误、空查询\n" \
	  "或无法读取的输入文件；3 数据库、输出或终端错误；浏览界面被信号 N 终止时为 128+N。") \
	X(L_BOOKMARKED, "bookmarked", "已加书签") \
	X(L_HELP_SEARCH, "In the search line", "在搜索行中") \
	X(L_HELP_LINE, "Editing a line (the search, a field, a note)", "编辑一行（搜索、表单项、笔记）") \
	X(L_HELP_FORM, "In the form", "在表单中") \
	X(L_HELP_NOTE, "Writing a note", "写笔记时") \
	X(L_HELP_DELETE, "Asked to delete", "确认删除时") \
	X(L_HELP_GUIDE, "In the guide (w)", "在决策指南中（按 w）") \
	X(L_GUIDE_TITLE, "Which status should my API return?  Backspace: the question before, Esc: close", \
	  "我的 API 该返回哪个状态码？  Backspace：上一个问题，Esc：关闭") \
	X(L_HELP_PASTE, "In the paste area (x, or paste anywhere)", "在粘贴区中（按 x，或在任意处粘贴）") \
	X(L_PASTE_TITLE, "Paste a response, an error body or a log line: Ctrl-D explains, Esc cancels", \
	  "粘贴响应、错误正文或日志行：Ctrl-D 解释，Esc 取消") \
	X(L_HELP_BROWSE, "In the list and the details", "在列表和详情中")

#define X(id, en, zh) id,
enum msg_id { MESSAGES(X) MSG_COUNT_ };
enum label_id { LABELS(X) LABEL_COUNT_ };
#undef X

/* Texts that count something (their one number, n, is their %s or %d) are written in the
 * plural above; here is the English for n == 1, beside the id. Chinese has no plural. */
#define MESSAGE_SINGULARS(X) \
	X(MSG_NOTHING_IMPORTED, "nothing imported: %s bad row (use --skip-invalid to import the rest)") \
	X(MSG_IMPORTED, "imported %s row") \
	X(MSG_SKIPPED, "skipped %s bad row") \
	X(MSG_ADDED_ROWS, "added %s new row") \
	X(MSG_UPDATED_ROWS, "updated %s row already in your database") \
	X(MSG_UNCHANGED_ROWS, "left %s row as it was: the file holds the same") \
	X(MSG_P_FIELD_COUNT, "%s field, but the header has a different number")
#define LABEL_SINGULARS(X) \
	X(L_ITEMS, "%d item") \
	X(L_EX_OTHER_LINES, "%s line was not a request of an access log")

/* The text in one language (LANG_BOTH gives English; callers that show both ask twice). */
const char *msg(enum lang l, enum msg_id id);
const char *label(enum lang l, enum label_id id);
/* The same for a count of n: the singular where the language has one and n is 1. */
const char *msg_n(enum lang l, enum msg_id id, long n);
const char *label_n(enum lang l, enum label_id id, long n);

/* The one reporter: a message on f (stderr) as "httpcodes: ..." lines, one in each language
 * l shows. arg, its %s, is sanitised (no control characters, at most 200 columns); NULL for a
 * message that takes none. An error from below has its own reporter, report_err (err.h). */
void report(FILE *f, enum lang l, enum msg_id id, const char *arg);
/* The same for a message that counts n (its %s), in the plural when n calls for it. */
void report_n(FILE *f, enum lang l, enum msg_id id, long n);
/* The same, followed by what the system error errnum means, in each language's words. */
void report_errno(FILE *f, enum lang l, enum msg_id id, const char *arg, int errnum);
/* What the system error errnum means, in l's words (strerror speaks English only): a fixed
 * text, or one written into buf (size bytes). */
const char *errno_words(enum lang l, int errnum, char *buf, size_t size);

/* Errors from below (err.h), in words. The reason in one language (LANG_BOTH gives English):
 * the code's words with its detail (sanitised), then ": " and SQLite's or the system's words,
 * into buf; returns buf. */
struct hc_err;
const char *err_text(enum lang l, const struct hc_err *e, char *buf, size_t size);
/* The whole sentence in one language: the message context with arg (sanitised) as 'arg',
 * followed by the reason in brackets when e says something; or with the reason alone when arg
 * is NULL. Into buf; returns buf. */
const char *err_message(enum lang l, enum msg_id context, const char *arg, const struct hc_err *e,
			char *buf, size_t size);
/* The command line's reporter of an error: err_message as "httpcodes: ..." lines on f, one in
 * each language l shows. */
void report_err(FILE *f, enum lang l, enum msg_id context, const char *arg, const struct hc_err *e);
/* Whether output asked for in l has a part in language one (LANG_EN or LANG_ZH). */
int lang_shows(enum lang l, enum lang one);

#endif
