/* explain: a response, an error body, a log line, read for what it means (explain.h). */
#include "explain.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "xmlread.h"

/* ---- small helpers ------------------------------------------------------------------------- */

static int starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && strncasecmp(s, prefix, k) == 0;
}

/* The first place of needle in s[0, n), case ignored (ASCII), or NULL. */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; k && i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

static int contains_ci(const char *s, const char *needle)
{
	return s && find_ci(s, strlen(s), needle) != NULL;
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

static char *dup_trimmed(const char *b, const char *e)
{
	while (b < e && (*b == ' ' || *b == '\t'))
		b++;
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	return xstrndup(b, (size_t)(e - b));
}

/* Three digits, 100-999, standing alone (not in a longer number, an address or a version). */
static int three_digits(const char *s, const char *start, const char *end)
{
	if (s + 3 > end || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]) || s[0] == '0')
		return 0;
	if (s > start && (isalnum((unsigned char)s[-1]) || s[-1] == '.' || s[-1] == '_' || s[-1] == '-'))
		return 0;
	if (s + 3 < end && (isalnum((unsigned char)s[3]) || s[3] == '_' ||
			    (s[3] == '.' && s + 4 < end && isdigit((unsigned char)s[4]))))
		return 0;
	return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

static int atoi_status(const char *s)
{
	int v = 0, n = 0;
	if (!s)
		return 0;
	while (*s == ' ')
		s++;
	for (; isdigit((unsigned char)*s) && n < 4; s++, n++)
		v = v * 10 + (*s - '0');
	return n == 3 && !*s && v >= 100 && v <= 599 ? v : 0;
}

/* ---- the body's members (JSON through SQLite, XML through expat) ------------------------- */

#define MAX_MEMBERS 4096

struct member {
	char *path, *type, *value;      /* value NULL for JSON null */
};

struct reader {
	struct store *st;
	struct explain *e;
	struct member *m;
	size_t n, cap;
	const char *server;     /* the sender the headers name (server: cloudflare), or NULL */
	char *content_type;     /* the Content-Type header's value, or NULL */
	int request_id_from_header;
	int family;             /* the error code was found only by its family (Throttling.User) */
};

static int add_member(void *ctx, const char *path, const char *type, const char *value)
{
	struct reader *r = ctx;
	if (r->n >= MAX_MEMBERS)
		return 1;
	r->m = xgrow(r->m, &r->cap, r->n + 1, sizeof *r->m, 32);
	r->m[r->n].path = xstrdup(path);
	r->m[r->n].type = xstrdup(type ? type : "text");
	r->m[r->n].value = value ? xstrdup(value) : NULL;
	r->n++;
	return 0;
}

static int add_xml(void *ctx, const char *path, const char *text)
{
	return add_member(ctx, path, "text", text);
}

static void members_release(struct reader *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->m[i].path);
		free(r->m[i].type);
		free(r->m[i].value);
	}
	free(r->m);
	free(r->content_type);
	r->m = NULL;
	r->content_type = NULL;
	r->n = r->cap = 0;
}

static const struct member *member(const struct reader *r, const char *path)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->m[i].path, path) == 0)
			return &r->m[i];
	return NULL;
}

/* A member's value as text (numbers too), or NULL when absent or null. */
static const char *val(const struct reader *r, const char *path)
{
	const struct member *m = member(r, path);
	return m ? m->value : NULL;
}

static const char *text_val(const struct reader *r, const char *path)
{
	const struct member *m = member(r, path);
	return m && m->value && strcmp(m->type, "text") == 0 ? m->value : NULL;
}

static int int_val(const struct reader *r, const char *path, int *out)
{
	const struct member *m = member(r, path);
	if (!m || !m->value || strcmp(m->type, "integer") != 0)
		return 0;
	*out = atoi(m->value);
	return 1;
}

/* The first member whose path ends with suffix (Alipay's "<method>_response.sub_code"). */
static const struct member *member_suffix(const struct reader *r, const char *suffix)
{
	size_t k = strlen(suffix);
	for (size_t i = 0; i < r->n; i++) {
		size_t n = strlen(r->m[i].path);
		if (n >= k && strcmp(r->m[i].path + n - k, suffix) == 0)
			return &r->m[i];
	}
	return NULL;
}

static void set_text(char **field, const char *v)
{
	if (v && *v && !*field)
		*field = xstrdup(v);
}

/* What a shape found: its name, its sender, the error code, the message, the request id. */
static int found(struct reader *r, const char *shape, const char *sender, const char *code,
		 const char *message, const char *request_id)
{
	struct explain *e = r->e;
	e->shape = shape;
	if (sender)
		e->sender = sender;
	set_text(&e->error_code, code);
	set_text(&e->message, message);
	set_text(&e->request_id, request_id);
	return 1;
}

static void status_from_body(struct explain *e, int status)
{
	if (!e->status && status >= 100 && status <= 599) {
		e->status = status;
		e->from = EX_FROM_BODY;
	}
}

/* ---- shapes of JSON error bodies, most particular first ------------------------------------ */

static int shape_tencent(struct reader *r)
{
	const char *code = text_val(r, "Response.Error.Code");
	return code && found(r, "tencent-cloud", "tencent-cloud", code, val(r, "Response.Error.Message"),
			     val(r, "Response.RequestId"));
}

static int shape_alipay(struct reader *r)
{
	/* {"alipay_trade_query_response": {"code": "40004", "msg": "Business Failed",
	 *  "sub_code": "ACQ.TRADE_NOT_EXIST", "sub_msg": "..."}}: the code is the kind of failure,
	 * the sub_code what failed. */
	const struct member *code = member_suffix(r, "_response.code"), *sub = member_suffix(r, "_response.sub_code");
	const struct member *msg = member_suffix(r, sub ? "_response.sub_msg" : "_response.msg");
	if (!code || !code->value || strncmp(code->path, "alipay", 6) != 0 || strcmp(code->value, "10000") == 0)
		return 0;
	set_text(&r->e->detail, sub ? sub->value : NULL);
	return found(r, "alipay", "alipay", code->value, msg ? msg->value : NULL, NULL);
}

static int shape_anthropic(struct reader *r)
{
	const char *type = text_val(r, "type"), *code = text_val(r, "error.type");
	return type && strcmp(type, "error") == 0 && code &&
	       found(r, "anthropic", "anthropic", code, val(r, "error.message"), val(r, "request_id"));
}

static int shape_google(struct reader *r)
{
	const char *status = text_val(r, "error.status"), *reason = text_val(r, "error.details.reason");
	int code;
	if (!status || !int_val(r, "error.code", &code))
		return 0;
	status_from_body(r->e, code);
	set_text(&r->e->detail, reason);
	set_text(&r->e->see, text_val(r, "error.details.links.url")); /* a google.rpc.Help link */
	return found(r, "google-cloud", "google-cloud", status, val(r, "error.message"), NULL);
}

static int shape_stripe(struct reader *r)
{
	static const char *const types[] = { "api_error", "card_error", "idempotency_error",
					     "invalid_request_error", "authentication_error", "rate_limit_error" };
	const char *type = text_val(r, "error.type"), *url = text_val(r, "error.doc_url");
	int is_type = 0;
	if (!type)
		return 0;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		is_type |= strcmp(type, types[i]) == 0;
	if (!is_type || !(contains_ci(url, "stripe.com") || val(r, "error.request_log_url") ||
			  val(r, "error.decline_code") || (r->e->request_id && !strncmp(r->e->request_id, "req_", 4))))
		return 0;
	set_text(&r->e->detail, text_val(r, "error.decline_code"));
	set_text(&r->e->see, url);
	return found(r, "stripe", "stripe", text_val(r, "error.code") ? text_val(r, "error.code") : type,
		     val(r, "error.message"), NULL);
}

static int shape_openai(struct reader *r)
{
	const char *type = text_val(r, "error.type"), *code = text_val(r, "error.code");
	if (!type || !member(r, "error.param") || !member(r, "error.message"))
		return 0;
	return found(r, "openai", "openai", code ? code : type, val(r, "error.message"), NULL);
}

static int shape_azure(struct reader *r)
{
	const char *code = text_val(r, "error.code");
	return code && member(r, "error.message") &&
	       found(r, "azure", "azure", code, val(r, "error.message"), NULL);
}

/* "com.amazonaws.dynamodb.v20120810#ThrottlingException", "ValidationException:http://..." */
static char *aws_type_name(const char *t)
{
	const char *hash = strrchr(t, '#'), *b = hash ? hash + 1 : t, *colon = strchr(b, ':');
	return xstrndup(b, colon ? (size_t)(colon - b) : strlen(b));
}

static int shape_aws_json(struct reader *r)
{
	const char *type = text_val(r, "__type");
	char *name;
	if (!type)
		return 0;
	name = aws_type_name(type);
	found(r, "aws-json", "aws", name, val(r, "message") ? val(r, "message") : val(r, "Message"), NULL);
	free(name);
	return 1;
}

static int shape_kubernetes(struct reader *r)
{
	const char *kind = text_val(r, "kind"), *reason = text_val(r, "reason");
	int code;
	if (!kind || strcmp(kind, "Status") != 0 || !reason)
		return 0;
	if (int_val(r, "code", &code))
		status_from_body(r->e, code);
	return found(r, "kubernetes", "kubernetes", reason, val(r, "message"), NULL);
}

/* RFC 9457 problem details: no error code of its own; its title and status. */
static int shape_problem(struct reader *r)
{
	int status = 0;
	if (!text_val(r, "title") || !(text_val(r, "type") || int_val(r, "status", &status) ||
				       contains_ci(r->content_type, "problem+json")))
		return 0;
	int_val(r, "status", &status);
	status_from_body(r->e, status);
	if (text_val(r, "type") && !strncmp(text_val(r, "type"), "http", 4))
		set_text(&r->e->see, text_val(r, "type")); /* the problem type's page */
	return found(r, "problem-details", NULL, NULL, val(r, "detail") ? val(r, "detail") : val(r, "title"),
		     NULL);
}

static int shape_wechat(struct reader *r)
{
	const char *code = val(r, "errcode");
	return code && member(r, "errmsg") && strcmp(code, "0") != 0 &&
	       found(r, "wechat", "wechat", code, val(r, "errmsg"), NULL);
}

static int shape_oci(struct reader *r)
{
	const char *code = text_val(r, "errors.code");
	return code && found(r, "oci-distribution", "oci-distribution", code, val(r, "errors.message"), NULL);
}

static int shape_github(struct reader *r)
{
	const char *url = text_val(r, "documentation_url");
	if (!url || !contains_ci(url, "github.com") || !text_val(r, "message"))
		return 0;
	status_from_body(r->e, atoi_status(text_val(r, "status")));
	set_text(&r->e->see, url);
	return found(r, "github", "github", NULL, text_val(r, "message"), NULL);
}

/* {"error_code": ..., "error_msg": ...}: Huawei Cloud's (text codes) or Baidu's (numbers). */
static int shape_error_code(struct reader *r)
{
	const struct member *code = member(r, "error_code");
	if (!code || !code->value || !member(r, "error_msg"))
		return 0;
	return found(r, strcmp(code->type, "integer") == 0 ? "baidu-cloud" : "huawei-cloud",
		     strcmp(code->type, "integer") == 0 ? "baidu-cloud" : "huawei-cloud", code->value,
		     val(r, "error_msg"), val(r, "request_id"));
}

static const char *const grpc_names[] = {
	"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
	"ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
	"OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
};

static const char *grpc_name(int code)
{
	return code >= 0 && code < (int)(sizeof grpc_names / sizeof grpc_names[0]) ? grpc_names[code] : NULL;
}

static int shape_code_msg(struct reader *r)
{
	int code;
	/* Feishu / Lark: {"code": 99991663, "msg": "..."}. */
	if (int_val(r, "code", &code) && code != 0 && member(r, "msg"))
		return found(r, "feishu", "feishu", val(r, "code"), val(r, "msg"), NULL);
	/* gRPC status as JSON (grpc-gateway): {"code": 5, "message": "...", "details": []}. */
	if (int_val(r, "code", &code) && code > 0 && grpc_name(code) && member(r, "message"))
		return found(r, "grpc-json", "grpc", grpc_name(code), val(r, "message"), NULL);
	return 0;
}

static int shape_alibaba(struct reader *r)
{
	const char *code = text_val(r, "Code");
	if (!code || !member(r, "RequestId"))
		return 0;
	set_text(&r->e->see, text_val(r, "Recommend")); /* Alibaba's diagnosis page for this request */
	return found(r, "alibaba-cloud", "alibaba-cloud", code, val(r, "Message"), val(r, "RequestId"));
}

static int shape_oauth(struct reader *r)
{
	const char *err = text_val(r, "error");
	if (!err || strchr(err, ' ') || !(member(r, "error_description") || member(r, "error_uri")))
		return 0;
	set_text(&r->e->see, text_val(r, "error_uri"));
	return found(r, "oauth", "oauth", err, val(r, "error_description"), NULL);
}

/* WeChat Pay v3: {"code": "PARAM_ERROR", "message": "..."}; taken only when the code is one of
 * its own (explain_text checks the sender against what the store knows). */
static int shape_code_message(struct reader *r)
{
	const char *code = text_val(r, "code");
	return code && text_val(r, "message") && found(r, "code-message", NULL, code, val(r, "message"), NULL);
}

/* ---- shapes of XML error bodies ----------------------------------------------------------- */

static int shape_xml_error(struct reader *r)
{
	const char *code = text_val(r, "Error.Code"), *host = text_val(r, "Error.HostId");
	const char *msg = val(r, "Error.Message");
	if (code) {
		if (val(r, "Error.EC") || contains_ci(host, "aliyuncs.com"))
			return found(r, "alibaba-oss-xml", "alibaba-cloud", code, msg, val(r, "Error.RequestId"));
		if (val(r, "Error.TraceId"))
			return found(r, "tencent-cos-xml", "tencent-cloud", code, msg, val(r, "Error.RequestId"));
		if (contains_ci(msg, "RequestId:"))
			return found(r, "azure-xml", "azure", code, msg, NULL);
		return found(r, "aws-xml", "aws", code, msg, val(r, "Error.RequestId"));
	}
	if ((code = text_val(r, "ErrorResponse.Error.Code")))
		return found(r, "aws-query-xml", "aws", code, val(r, "ErrorResponse.Error.Message"),
			     val(r, "ErrorResponse.RequestId"));
	if ((code = text_val(r, "Response.Errors.Error.Code")))
		return found(r, "aws-ec2-xml", "aws", code, val(r, "Response.Errors.Error.Message"),
			     val(r, "Response.RequestID"));
	return 0;
}

static int (*const json_shapes[])(struct reader *) = {
	shape_tencent, shape_alipay, shape_anthropic, shape_google, shape_stripe, shape_openai,
	shape_azure, shape_aws_json, shape_kubernetes, shape_problem, shape_wechat, shape_oci,
	shape_github, shape_error_code, shape_code_msg, shape_alibaba, shape_oauth, shape_code_message,
};

/* No shape known: a status and an error code wherever they are named as such. */
static void shape_unknown(struct reader *r)
{
	static const char *const code_keys[] = { "code", "error_code", "errorcode", "errcode", "error",
						  "reason", "errortype", "sub_code", "subcode", "type" };
	static const char *const status_keys[] = { "status", "statuscode", "status_code", "http",
						   "httpstatus", "http_status", "httpcode", "code" };
	for (size_t i = 0; i < r->n; i++) {
		const char *last = strrchr(r->m[i].path, '.');
		last = last ? last + 1 : r->m[i].path;
		if (!r->m[i].value)
			continue;
		for (size_t k = 0; k < sizeof status_keys / sizeof status_keys[0]; k++)
			if (strcasecmp(last, status_keys[k]) == 0)
				status_from_body(r->e, atoi_status(r->m[i].value));
		for (size_t k = 0; k < sizeof code_keys / sizeof code_keys[0] && !r->e->error_code; k++)
			if (strcasecmp(last, code_keys[k]) == 0 && !atoi_status(r->m[i].value) &&
			    strlen(r->m[i].value) <= 64 && !strchr(r->m[i].value, ' '))
				r->e->error_code = xstrdup(r->m[i].value);
	}
}

/* ---- headers ------------------------------------------------------------------------------ */

enum hrole { H_SHOW, H_RETRY, H_AUTH, H_LOCATION, H_ALLOW, H_CODE, H_GRPC, H_GRPC_MSG, H_SERVER,
	     H_REQUEST_ID, H_RATELIMIT };

static const struct {
	const char *name;
	const char *sender;     /* the sender the header's presence names, or NULL */
	enum hrole role;
} known_headers[] = {
	{ "retry-after", NULL, H_RETRY },
	{ "www-authenticate", NULL, H_AUTH },
	{ "proxy-authenticate", NULL, H_AUTH },
	{ "location", NULL, H_LOCATION },
	{ "allow", NULL, H_ALLOW },
	{ "x-amz-error-code", "aws", H_CODE },
	{ "x-amzn-errortype", "aws", H_CODE },
	{ "x-ms-error-code", "azure", H_CODE },
	{ "grpc-status", "grpc", H_GRPC },
	{ "grpc-message", "grpc", H_GRPC_MSG },
	{ "server", NULL, H_SERVER },
	{ "cf-ray", "cloudflare", H_REQUEST_ID },
	{ "x-amz-request-id", "aws", H_REQUEST_ID },
	{ "x-amzn-requestid", "aws", H_REQUEST_ID },
	{ "x-amz-cf-id", "aws-cloudfront", H_REQUEST_ID },
	{ "x-oss-request-id", "alibaba-cloud", H_REQUEST_ID },
	{ "x-acs-request-id", "alibaba-cloud", H_REQUEST_ID },
	{ "x-oss-ec", "alibaba-cloud", H_SHOW },
	{ "x-cos-request-id", "tencent-cloud", H_REQUEST_ID },
	{ "x-ms-request-id", "azure", H_REQUEST_ID },
	{ "x-github-request-id", "github", H_REQUEST_ID },
	{ "request-id", NULL, H_REQUEST_ID },
	{ "x-request-id", NULL, H_REQUEST_ID },
	{ "x-ratelimit-remaining", NULL, H_RATELIMIT },
};

/* What a Server header's value names. */
static const struct { const char *prefix, *sender; } servers[] = {
	{ "cloudflare", "cloudflare" }, { "nginx", "nginx" }, { "openresty", "nginx" },
	{ "AmazonS3", "aws" }, { "awselb", "aws-elb" }, { "CloudFront", "aws-cloudfront" },
	{ "AliyunOSS", "alibaba-cloud" }, { "tencent-cos", "tencent-cloud" },
	{ "Windows-Azure", "azure" }, { "envoy", "envoy" }, { "istio-envoy", "envoy" },
	{ "Apache", "apache" }, { "Microsoft-IIS", "microsoft-iis" }, { "GitHub.com", "github" },
};

static void note_header(struct reader *r, const char *name, const char *value, int role, const char *sender)
{
	struct explain *e = r->e;
	struct ex_header *h;
	if (e->nheaders >= EXPLAIN_MAX_HEADERS)
		return;
	h = &e->headers[e->nheaders++];
	h->name = xstrdup(name);
	h->value = xstrdup(value);
	h->note = -1;
	switch (role) {
	case H_RETRY: {
		const char *p = value;
		while (isdigit((unsigned char)*p))
			p++;
		h->note = *value && !*p ? MSG_EXH_RETRY_SECONDS : MSG_EXH_RETRY_DATE;
		h->arg = xstrdup(value);
		break;
	}
	case H_AUTH: {
		const char *err = find_ci(value, strlen(value), "error=\"");
		h->note = MSG_EXH_AUTH;
		h->arg = xstrdup(value);
		if (err) { /* Bearer error="invalid_token": the OAuth error code (RFC 6750) */
			const char *b = err + 7, *q = strchr(b, '"');
			if (q && !e->error_code) {
				e->error_code = xstrndup(b, (size_t)(q - b));
				if (!e->shape)
					e->shape = "www-authenticate";
				if (!e->sender)
					e->sender = "oauth";
			}
		}
		break;
	}
	case H_LOCATION:
		h->note = MSG_EXH_LOCATION;
		h->arg = xstrdup(value);
		break;
	case H_ALLOW:
		h->note = MSG_EXH_ALLOW;
		h->arg = xstrdup(value);
		break;
	case H_CODE:
		h->note = MSG_EXH_CODE;
		h->arg = aws_type_name(value);
		if (!e->error_code)
			e->error_code = xstrdup(h->arg);
		if (!e->sender)
			e->sender = sender;
		break;
	case H_GRPC: {
		int code = atoi(value);
		const char *nm = isdigit((unsigned char)*value) ? grpc_name(code) : NULL;
		h->note = MSG_EXH_GRPC;
		h->arg = xstrdup(nm ? nm : value);
		if (nm && code != 0) {
			free(e->error_code);
			e->error_code = xstrdup(nm);
			e->sender = "grpc";
			e->shape = "grpc-status";
		}
		break;
	}
	case H_GRPC_MSG:
		set_text(&e->message, value);
		break;
	case H_SERVER:
		h->note = MSG_EXH_SERVER;
		h->arg = xstrdup(value);
		for (size_t i = 0; i < sizeof servers / sizeof servers[0]; i++)
			if (starts_ci(value, strlen(value), servers[i].prefix))
				r->server = servers[i].sender;
		break;
	case H_REQUEST_ID:
		h->note = MSG_EXH_REQUEST_ID;
		if (!e->request_id) {
			e->request_id = xstrdup(value);
			r->request_id_from_header = 1;
		}
		if (sender && !r->server)
			r->server = sender;
		break;
	case H_RATELIMIT:
		h->note = MSG_EXH_RATELIMIT;
		h->arg = xstrdup(value);
		break;
	default:
		if (sender && !r->server)
			r->server = sender;
		break;
	}
	h->known = store_header_known(r->st, name) == 1;
}

/* The header lines in [p, end): the ones that matter noted. Returns where the body begins. */
static const char *read_headers(struct reader *r, const char *p, const char *end)
{
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end, *colon;
		const char *e = le;
		if (e > p && e[-1] == '\r')
			e--;
		if (e == p) /* the blank line */
			return nl ? nl + 1 : end;
		colon = memchr(p, ':', (size_t)(e - p));
		if (colon && colon > p) {
			char *name = dup_trimmed(p, colon), *value = dup_trimmed(colon + 1, e);
			if (strcasecmp(name, "content-type") == 0) { /* read, not shown */
				free(r->content_type);
				r->content_type = xstrdup(value);
			}
			for (size_t i = 0; i < sizeof known_headers / sizeof known_headers[0]; i++)
				if (strcasecmp(name, known_headers[i].name) == 0) {
					note_header(r, name, value, (int)known_headers[i].role, known_headers[i].sender);
					break;
				}
			free(name);
			free(value);
		}
		p = nl ? nl + 1 : end;
	}
	return end;
}

/* "HTTP/1.1 404 Not Found", "HTTP/2 429": 1 with the status read, 0 when the line is not one. */
static int status_line(struct explain *e, const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end, *q = p + 5;
	int status;
	if (!starts_ci(p, (size_t)(end - p), "HTTP/"))
		return 0;
	while (q < le && (isdigit((unsigned char)*q) || *q == '.'))
		q++;
	if (q >= le || *q != ' ' || !(status = three_digits(q + 1, p, le)) || status > 599)
		return 0;
	if (e->status && e->nchain < EXPLAIN_MAX_CHAIN)
		e->chain[e->nchain++] = e->status;
	free(e->version);
	free(e->reason);
	e->version = xstrndup(p, (size_t)(q - p));
	e->reason = dup_trimmed(q + 4 < le ? q + 4 : le, le);
	e->status = status;
	e->from = EX_FROM_STATUS_LINE;
	*next = nl ? nl + 1 : end;
	return 1;
}

/* ---- bodies ------------------------------------------------------------------------------- */

static void read_text(struct reader *r, const char *p, size_t n);

/* An HTML page (a proxy's error page): the status in its title, the sender it names. */
static void read_html(struct reader *r, const char *p, size_t n)
{
	const char *t = find_ci(p, n, "<title>");
	if (t) {
		const char *b = t + 7, *end = find_ci(b, n - (size_t)(b - p), "</title>");
		if (!end)
			end = p + n;
		for (const char *s = b; s < end; s++) {
			int v = three_digits(s, b, end);
			if (v >= 100 && v <= 599) {
				status_from_body(r->e, v);
				break;
			}
		}
	}
	if (!r->server && find_ci(p, n, "cloudflare"))
		r->server = "cloudflare";
	if (!r->e->shape)
		r->e->shape = "html";
}

static void read_body(struct reader *r, const char *p, size_t n)
{
	const char *b = p, *end = p + n;
	if (n >= 3 && (unsigned char)b[0] == 0xEF && (unsigned char)b[1] == 0xBB && (unsigned char)b[2] == 0xBF)
		b += 3; /* a byte-order mark (Azure Storage sends one) */
	b = skip_blanks(b, end);
	if (b >= end)
		return;
	if (*b == '{' || (*b == '[' && end - b > 1 && (b[1] == '{' || b[1] == '[' || b[1] == ' ' || b[1] == '\n'))) {
		int rc = store_json_leaves(r->st, b, (size_t)(end - b), add_member, r);
		if (rc == 0) {
			int matched = 0;
			for (size_t i = 0; i < sizeof json_shapes / sizeof json_shapes[0] && !matched; i++)
				matched = json_shapes[i](r);
			if (!matched)
				shape_unknown(r);
			if (!r->e->shape)
				r->e->shape = "json";
			return;
		}
		if (rc > 0)
			r->e->problems |= EXP_BAD_JSON;
		read_text(r, b, (size_t)(end - b));
		return;
	}
	if (*b == '<') {
		enum xmlread_result x;
		if (starts_ci(b, (size_t)(end - b), "<!doctype html") || starts_ci(b, (size_t)(end - b), "<html")) {
			read_html(r, b, (size_t)(end - b));
			return;
		}
		x = xmlread_leaves(b, (size_t)(end - b), add_xml, r);
		if (x == XMLREAD_OK) {
			if (!shape_xml_error(r))
				r->e->shape = "xml";
			return;
		}
		r->e->problems |= x == XMLREAD_ENTITIES ? EXP_XML_ENTITY : EXP_BAD_XML;
		if (x != XMLREAD_ENTITIES)
			read_html(r, b, (size_t)(end - b));
		return;
	}
	read_text(r, b, (size_t)(end - b));
}

/* ---- log lines ---------------------------------------------------------------------------- */

static const struct {
	const char *name;
	const char *sender;
} log_formats[EX_LOG_FORMATS_] = {
	[EX_LOG_NONE] = { "none", NULL },
	[EX_LOG_COMBINED] = { "access-log", NULL },
	[EX_LOG_NGINX_ERROR] = { "nginx-error", "nginx" },
	[EX_LOG_APACHE_ERROR] = { "apache-error", "apache" },
	[EX_LOG_ALB] = { "alb", "aws-elb" },
	[EX_LOG_ELB] = { "elb", "aws-elb" },
	[EX_LOG_CLOUDFLARE] = { "cloudflare", "cloudflare" },
	[EX_LOG_ENVOY] = { "envoy", "envoy" },
};

const char *explain_log_format_name(enum ex_log_format f)
{
	return f > EX_LOG_NONE && f < EX_LOG_FORMATS_ ? log_formats[f].name : NULL;
}

const char *explain_log_sender(enum ex_log_format f, int status)
{
	/* A combined log is nginx's or Apache's; the numbers only nginx logs say which. */
	if (f == EX_LOG_COMBINED)
		return status == 499 || status == 444 || (status >= 494 && status <= 497) ? "nginx" : NULL;
	return f > EX_LOG_NONE && f < EX_LOG_FORMATS_ ? log_formats[f].sender : NULL;
}

/* The k-th field (0-based) of a line of blank-separated fields, "quoted" ones whole. */
static int field(const char *s, const char *end, int k, const char **fb, const char **fe)
{
	const char *p = s;
	for (int i = 0; p < end; i++) {
		const char *b;
		while (p < end && *p == ' ')
			p++;
		if (p >= end)
			return 0;
		b = p;
		if (*p == '"') {
			p++;
			while (p < end && *p != '"')
				p += *p == '\\' && p + 1 < end ? 2 : 1;
			if (p < end)
				p++;
		} else {
			while (p < end && *p != ' ')
				p++;
		}
		if (i == k) {
			*fb = b;
			*fe = p;
			return 1;
		}
	}
	return 0;
}

/* A status as a log writes it: three digits, 000 (no response was sent) too; -1 when not. */
static int log_status(const char *s, const char *end)
{
	int v;
	if (s + 3 > end || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]) || (s + 3 < end && s[3] != ' '))
		return -1;
	v = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	return v == 0 || v >= 100 ? v : -1; /* 000, or a number of a class */
}

/* The k-th field as a status: its number, or -1 ("-": none written, or not a status). */
static int field_status(const char *s, const char *end, int k)
{
	const char *b, *e;
	if (!field(s, end, k, &b, &e) || e - b != 3)
		return -1;
	return log_status(b, e);
}

/* '"GET / HTTP/1.1" 404 ' after p: the status after the quoted request (000 too), or -1;
 * where it ends, and the request's bounds in the line. */
static int after_request(const char *p, const char *end, const char **after, struct ex_log_line *out)
{
	const char *request;
	int status;
	if (p >= end || *p != '"')
		return -1;
	request = ++p;
	while (p < end && *p != '"')
		p += *p == '\\' && p + 1 < end ? 2 : 1;
	if (p + 5 > end || p[1] != ' ')
		return -1;
	if ((status = log_status(p + 2, end)) < 0)
		return -1;
	out->request = request;
	out->nrequest = (size_t)(p - request);
	*after = p + 5;
	return status;
}

static int is_iso_time(const char *p, const char *end)
{
	return end - p >= 20 && isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[3]) && p[4] == '-' &&
	       p[7] == '-' && p[10] == 'T';
}

enum ex_log_format explain_log_parse(const char *line, size_t n, struct ex_log_line *out)
{
	const char *p = line, *end = line + n, *q, *after;
	int st;
	memset(out, 0, sizeof *out);
	while (end > p && (end[-1] == '\r' || end[-1] == '\n'))
		end--;
	if (end - p < 10)
		return EX_LOG_NONE;
	/* nginx's error log: "2026/11/29 10:00:00 [error] 123#0: ..." */
	if (end - p > 22 && isdigit((unsigned char)p[0]) && p[4] == '/' && p[7] == '/' && p[10] == ' ' &&
	    p[13] == ':' && p[19] == ' ' && p[20] == '[')
		return out->format = EX_LOG_NGINX_ERROR;
	if (*p == '{') { /* a Cloudflare Logpush line */
		const char *k = find_ci(p, (size_t)(end - p), "\"EdgeResponseStatus\":");
		if (k) {
			const char *o = find_ci(p, (size_t)(end - p), "\"OriginResponseStatus\":");
			const char *v = skip_blanks(k + 21, end);
			out->status = three_digits(v, v, end);
			out->has_status = out->status > 0;
			if (o) {
				v = skip_blanks(o + 23, end);
				out->status2 = three_digits(v, v, end);
			}
			return out->format = EX_LOG_CLOUDFLARE;
		}
		return EX_LOG_NONE;
	}
	if (*p == '[') {
		q = memchr(p, ']', (size_t)(end - p));
		if (!q || q + 2 >= end)
			return EX_LOG_NONE;
		/* Envoy: [2026-11-29T10:00:00.000Z] "GET / HTTP/1.1" 503 UF ... */
		if (q[1] == ' ' && q[2] == '"' && (st = after_request(q + 2, end, &after, out)) >= 0) {
			out->status = st;
			out->has_status = 1;
			const char *fb = after + (after < end), *fe = fb;
			while (fe < end && *fe != ' ')
				fe++;
			if (fe > fb && !(fe - fb == 1 && *fb == '-')) {
				out->flags = fb;
				out->nflags = (size_t)(fe - fb);
			}
			return out->format = EX_LOG_ENVOY;
		}
		/* Apache's error log: [Sun Nov 29 ...] [proxy:error] [pid 1] ... */
		if (q[1] == ' ' && q[2] == '[')
			return out->format = EX_LOG_APACHE_ERROR;
		return EX_LOG_NONE;
	}
	/* AWS ALB: type time elb client:port target:port t1 t2 t3 elb_status target_status ... */
	if ((starts_ci(p, (size_t)(end - p), "http ") || starts_ci(p, (size_t)(end - p), "https ") ||
	     starts_ci(p, (size_t)(end - p), "h2 ") || starts_ci(p, (size_t)(end - p), "grpcs ") ||
	     starts_ci(p, (size_t)(end - p), "ws ") || starts_ci(p, (size_t)(end - p), "wss "))) {
		const char *fb, *fe;
		if (field(p, end, 1, &fb, &fe) && is_iso_time(fb, fe) && field_status(p, end, 8) >= 0) {
			out->status = field_status(p, end, 8);
			out->has_status = 1;
			out->status2 = field_status(p, end, 9) >= 100 ? field_status(p, end, 9) : 0;
			return out->format = EX_LOG_ALB;
		}
	}
	/* AWS Classic ELB: time elb client:port backend:port t1 t2 t3 elb_status backend_status ... */
	if (is_iso_time(p, end) && field_status(p, end, 7) >= 0) {
		out->status = field_status(p, end, 7);
		out->has_status = 1;
		out->status2 = field_status(p, end, 8) >= 100 ? field_status(p, end, 8) : 0;
		return out->format = EX_LOG_ELB;
	}
	/* Combined or common: host ident user [time] "request" status bytes ... */
	q = memchr(p, '[', (size_t)(end - p));
	if (q && q > p && q[-1] == ' ') {
		const char *c = memchr(q, ']', (size_t)(end - q));
		if (c && c + 2 < end && c[1] == ' ' && (st = after_request(c + 2, end, &after, out)) >= 0) {
			out->status = st;
			out->has_status = 1;
			return out->format = EX_LOG_COMBINED;
		}
	}
	memset(out, 0, sizeof *out);
	return EX_LOG_NONE;
}

static int is_access(enum ex_log_format f)
{
	return f == EX_LOG_COMBINED || f == EX_LOG_ALB || f == EX_LOG_ELB || f == EX_LOG_CLOUDFLARE ||
	       f == EX_LOG_ENVOY;
}

static char *lower_dup(const char *p, size_t n)
{
	char *s = xstrndup(p, n);
	for (char *c = s; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return s;
}

/* What the phrases of src (NULL: any) in p[0, n) say; the status of the first that has one. */
static int read_phrases(struct reader *r, const char *src, const char *p, size_t n)
{
	char *low = lower_dup(p, n < 8192 ? n : 8192);
	int rc = store_log_phrases(r->st, src, low, &r->e->phrases);
	free(low);
	if (rc < 0)
		return -1;
	if (!src && !r->e->sender && r->e->phrases.n) /* the server whose phrase it is */
		r->e->sender = r->e->phrases.items[0].source;
	for (size_t i = 0; i < r->e->phrases.n && !r->e->status; i++)
		if (r->e->phrases.items[i].http_status) {
			r->e->status = r->e->phrases.items[i].http_status;
			r->e->from = EX_FROM_LOG;
		}
	return 0;
}

static int read_log_line(struct reader *r, const char *p, size_t n, enum ex_log_format f)
{
	struct explain *e = r->e;
	e->input = EX_IN_LOG_LINE;
	e->shape = explain_log_format_name(f);
	if (e->log.has_status) { /* 000 too: nothing was sent */
		e->status = e->log.status;
		e->from = EX_FROM_LOG;
	}
	e->sender = explain_log_sender(f, e->status);
	if (e->log.request && e->log.nrequest)
		e->request = xstrndup(e->log.request, e->log.nrequest);
	e->log.request = NULL; /* it points into the text, which may go before e does */
	if (f == EX_LOG_NGINX_ERROR || f == EX_LOG_APACHE_ERROR)
		return read_phrases(r, e->sender, p, n);
	if (f == EX_LOG_ENVOY && e->log.flags) {
		const char *s = e->log.flags, *end = s + e->log.nflags;
		while (s < end) {
			const char *c = memchr(s, ',', (size_t)(end - s)), *fe = c ? c : end;
			char *flag = xstrndup(s, (size_t)(fe - s));
			int rc = store_log_flag(r->st, "envoy", flag, &e->phrases);
			free(flag);
			if (rc < 0)
				return -1;
			s = c ? c + 1 : end;
		}
	}
	e->log.flags = NULL; /* read; it points into the text */
	if (f == EX_LOG_CLOUDFLARE) {
		struct reader lr = { .st = r->st, .e = &(struct explain){ 0 } };
		/* The line's RayID is its request id. */
		if (store_json_leaves(r->st, p, n, add_member, &lr) == 0)
			set_text(&e->request_id, text_val(&lr, "RayID"));
		members_release(&lr);
	}
	return 0;
}

/* ---- plain text --------------------------------------------------------------------------- */

/* Text of no known shape: a status standing alone ("status 503", "HTTP/1.1 502"), an error
 * code the store knows, a log phrase. */
static void read_text(struct reader *r, const char *p, size_t n)
{
	const char *end = p + n;
	size_t lookups = 0;
	if (!r->e->shape)
		r->e->shape = "text";
	/* A phrase a server logs says the status better than any number in the text ("(110:
	 * Connection timed out)" is an errno). */
	read_phrases(r, NULL, p, n);
	for (const char *s = p; s < end && !r->e->status; s++) {
		int v = three_digits(s, p, end);
		if (v >= 100 && v <= 599)
			status_from_body(r->e, v);
	}
	/* Words that look like an error code: letters with capitals, digits, '_' or '.'. */
	for (const char *s = p; s < end && !r->e->error_code && lookups < 64;) {
		const char *b;
		int shaped = 0;
		while (s < end && !(isalnum((unsigned char)*s) || *s == '_'))
			s++;
		const char *we;
		b = s;
		/* NoSuchKey, DEADLINE_EXCEEDED, Throttling.User: a capital inside, '_' or '.'; not a
		 * word that only begins a sentence ("Unavailable"). */
		while (s < end && (isalnum((unsigned char)*s) || *s == '_' || *s == '.' || *s == '-')) {
			shaped |= (s > b && isupper((unsigned char)*s)) || *s == '_' || *s == '.';
			s++;
		}
		we = s;
		while (we > b && (we[-1] == '.' || we[-1] == '-')) /* the end of a sentence */
			we--;
		if (we - b >= 4 && we - b <= 64 && shaped && isalpha((unsigned char)*b)) {
			char *w = xstrndup(b, (size_t)(we - b));
			hc_mapping_list l = { 0 };
			lookups++;
			if (store_mappings_by_code(r->st, w, &l) == 0 && l.n)
				r->e->error_code = w;
			else
				free(w);
			hc_mapping_list_release(&l);
		}
		if (s == b)
			s++;
	}
}

/* ---- putting it together ------------------------------------------------------------------ */

/* The business errors of the error code (and the detail): the sender's when it has them, the
 * user's always; all of them when the sender is not known. */
static int find_mappings(struct reader *r, const char *code, int detail)
{
	struct explain *e = r->e;
	hc_mapping_list l = { 0 };
	size_t mine = 0;
	if (!code || !*code)
		return 0;
	if (store_mappings_by_code(r->st, code, &l) < 0)
		return -1;
	/* "Throttling.User" unknown: its family, "Throttling" (Alibaba's and Huawei's codes are
	 * dotted from the general to the particular). */
	for (const char *dot = strrchr(code, '.'); !l.n && dot && dot > code; dot = NULL) {
		char *family = xstrndup(code, (size_t)(dot - code));
		int rc = store_mappings_by_code(r->st, family, &l);
		free(family);
		if (rc < 0)
			return -1;
		r->family = l.n > 0; /* its status is the family's, not said to be the code's */
	}
	if (e->sender)
		for (size_t i = 0; i < l.n; i++)
			mine += !l.items[i].is_user && strcmp(l.items[i].source, e->sender) == 0;
	/* A generic shape ({"code", "message"}) names its sender by the codes it holds. */
	if (!e->sender && l.n && !detail) {
		const char *src = l.items[0].is_user ? NULL : l.items[0].source;
		int one = src != NULL;
		for (size_t i = 1; i < l.n && one; i++)
			one = !l.items[i].is_user && strcmp(l.items[i].source, src) == 0;
		if (one && (!e->shape || strcmp(e->shape, "code-message") == 0 || strcmp(e->shape, "json") == 0 ||
			    strcmp(e->shape, "text") == 0))
			e->sender = src;
	}
	for (size_t i = 0; i < l.n && e->mappings.n < 16; i++) {
		struct hc_mapping *m = &l.items[i];
		if (mine && !m->is_user && strcmp(m->source, e->sender) != 0)
			continue;
		e->mappings.items = xgrow(e->mappings.items, &e->mappings.cap, e->mappings.n + 1,
					  sizeof *e->mappings.items, 4);
		e->mappings.items[e->mappings.n++] = *m;
		memset(m, 0, sizeof *m);
	}
	hc_mapping_list_release(&l);
	return 0;
}

static int has_mapping(const struct explain *e, const struct hc_mapping *m)
{
	for (size_t i = 0; i < e->mappings.n; i++)
		if (strcmp(e->mappings.items[i].error_code, m->error_code) == 0 &&
		    strcmp(e->mappings.items[i].source, m->source) == 0 &&
		    strcmp(e->mappings.items[i].product, m->product) == 0 &&
		    e->mappings.items[i].http_status == m->http_status)
			return 1;
	return 0;
}

/* Any JSON member whose value is one of the team's own error codes. */
static int find_user_codes(struct reader *r)
{
	size_t lookups = 0;
	if (!store_has_user(r->st))
		return 0;
	for (size_t i = 0; i < r->n && lookups < 256; i++) {
		const char *v = r->m[i].value;
		hc_mapping_list l = { 0 };
		if (!v || !*v || strlen(v) > 64 || strchr(v, ' '))
			continue;
		lookups++;
		if (store_mappings_by_code(r->st, v, &l) < 0)
			return -1;
		for (size_t k = 0; k < l.n && r->e->mappings.n < 16; k++)
			if (l.items[k].is_user && !has_mapping(r->e, &l.items[k])) {
				struct explain *e = r->e;
				e->mappings.items = xgrow(e->mappings.items, &e->mappings.cap, e->mappings.n + 1,
							  sizeof *e->mappings.items, 4);
				e->mappings.items[e->mappings.n++] = l.items[k];
				memset(&l.items[k], 0, sizeof l.items[k]);
				if (!e->error_code)
					e->error_code = xstrdup(v);
			}
		hc_mapping_list_release(&l);
	}
	return 0;
}

/* No status read: the one every matched business error comes with, if they agree. */
static void status_from_mappings(struct explain *e)
{
	int s = 0;
	if (e->status || !e->mappings.n)
		return;
	for (size_t i = 0; i < e->mappings.n; i++) {
		int v = e->mappings.items[i].http_status;
		if (!v || (s && v != s))
			return;
		s = v;
	}
	e->status = s;
	e->from = EX_FROM_MAPPING;
}

static void headers_clear(struct explain *e)
{
	for (size_t i = 0; i < e->nheaders; i++) {
		free(e->headers[i].name);
		free(e->headers[i].value);
		free(e->headers[i].arg);
		memset(&e->headers[i], 0, sizeof e->headers[i]);
	}
	e->nheaders = 0;
}

static void check_bytes(struct explain *e, const char *text, size_t len)
{
	size_t n = len < 4096 ? len : 4096, ctl = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == 0)
			ctl += 8;
		else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x1b)
			ctl++;
	}
	if (n && ctl * 10 > n)
		e->problems |= EXP_BINARY;
	if (!utf8_valid(text, len < EXPLAIN_MAX_INPUT ? len : EXPLAIN_MAX_INPUT))
		e->problems |= EXP_BAD_UTF8;
}

int explain_text(struct store *st, const char *text, size_t len, struct explain *out)
{
	struct reader r = { .st = st, .e = out };
	const char *p, *end;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (len > EXPLAIN_MAX_INPUT) {
		len = EXPLAIN_MAX_INPUT;
		out->problems |= EXP_TOO_LARGE;
	}
	check_bytes(out, text, len);
	p = text;
	end = text + len;
	if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
		p += 3;
	p = skip_blanks(p, end);
	if (out->problems & EXP_BINARY) {
		out->input = EX_IN_TEXT;
		read_text(&r, p, (size_t)(end - p));
	} else if (starts_ci(p, (size_t)(end - p), "HTTP/")) {
		const char *next;
		out->input = EX_IN_RESPONSE;
		/* Each response in turn (100 Continue, each redirect of curl -L): the last is explained. */
		while (status_line(out, p, end, &next)) {
			headers_clear(out);
			r.server = NULL;
			p = read_headers(&r, next, end);
			if (!starts_ci(skip_blanks(p, end), (size_t)(end - skip_blanks(p, end)), "HTTP/"))
				break;
			p = skip_blanks(p, end);
		}
		read_body(&r, p, (size_t)(end - p));
	} else if (p < end && (*p == '{' || *p == '<' || (*p == '[' && explain_log_parse(p, (size_t)(end - p), &out->log) == EX_LOG_NONE))) {
		if (*p == '{' && explain_log_parse(p, (size_t)(end - p), &out->log) == EX_LOG_CLOUDFLARE) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			rc = read_log_line(&r, p, nl ? (size_t)(nl - p) : (size_t)(end - p), EX_LOG_CLOUDFLARE);
		} else {
			out->input = EX_IN_BODY;
			read_body(&r, p, (size_t)(end - p));
		}
	} else {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		enum ex_log_format f = explain_log_parse(p, n, &out->log);
		if (f != EX_LOG_NONE) {
			rc = read_log_line(&r, p, n, f);
		} else {
			out->input = EX_IN_TEXT;
			read_text(&r, p, (size_t)(end - p));
		}
	}
	if (rc == 0 && !out->sender && r.server)
		out->sender = r.server;
	if (rc == 0)
		rc = find_mappings(&r, out->error_code, 0);
	if (rc == 0 && out->detail)
		rc = find_mappings(&r, out->detail, 1);
	if (rc == 0)
		rc = find_user_codes(&r);
	if (!r.family)
		status_from_mappings(out);
	/* The sender's own meaning of the number (499 from nginx, 522 from Cloudflare, 460 from an
	 * ELB): the body's sender first, then the one the headers name. */
	if (rc == 0 && explain_has_status(out)) {
		const char *who[2] = { out->sender, r.server };
		for (int i = 0; i < 2 && !out->has_meaning && rc == 0; i++)
			if (who[i]) {
				int got = store_meaning_of(st, out->status, who[i], &out->meaning);
				if (got < 0)
					rc = -1;
				out->has_meaning = got > 0;
			}
	}
	members_release(&r);
	if (rc < 0)
		return -1;
	return explain_has_status(out) || out->mappings.n || out->phrases.n || out->error_code;
}

void explain_release(struct explain *e)
{
	free(e->version);
	free(e->reason);
	free(e->error_code);
	free(e->message);
	free(e->request_id);
	free(e->detail);
	free(e->request);
	free(e->see);
	headers_clear(e);
	hc_mapping_list_release(&e->mappings);
	hc_meaning_release(&e->meaning);
	hc_log_phrase_list_release(&e->phrases);
	memset(e, 0, sizeof *e);
}

/* ---- a whole log -------------------------------------------------------------------------- */

int explain_is_log(const char *head, size_t n)
{
	const char *p = head, *end = head + n;
	int lines = 0, access = 0;
	/* Of the first 20 whole lines, two or more, and at least half, are requests of an access
	 * log (a log may begin with a line cut in two, or a header). */
	while (p < end && lines < 20) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct ex_log_line l;
		if (!nl)
			break; /* a line not yet whole */
		if (nl > p && !(nl == p + 1 && *p == '\r')) {
			access += is_access(explain_log_parse(p, (size_t)(nl - p), &l));
			lines++;
		}
		p = nl + 1;
	}
	return access >= 2 && access * 2 >= lines;
}

void explain_summary_add(struct ex_summary *s, const char *line, size_t n)
{
	struct ex_log_line l;
	enum ex_log_format f;
	s->lines++;
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	if (!n) {
		s->blank++;
		return;
	}
	f = explain_log_parse(line, n, &l);
	if (!is_access(f) || !l.has_status || l.status < 0 || l.status > 999)
		return;
	s->read++;
	s->per_format[f]++;
	s->count[f][l.status]++;
}

static int by_count(const void *a, const void *b)
{
	const struct ex_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->status != y->status ? x->status - y->status : (int)x->format - (int)y->format;
}

static int row_fetch(struct store *st, struct ex_row *r)
{
	const char *sender = explain_log_sender(r->c.format, r->c.status);
	int got;
	if (sender && (got = store_meaning_of(st, r->c.status, sender, &r->meaning)) != 0) {
		if (got < 0 || store_source_get(st, sender, &r->source) < 0)
			return -1;
		r->name_en = r->meaning.name_en;
		r->name_zh = r->meaning.name_zh;
		r->sender = sender;
		r->sender_en = r->source.name_en;
		r->sender_zh = r->source.name_zh;
		return 0;
	}
	if ((got = store_status_get(st, r->c.status, &r->status)) < 0)
		return -1;
	if (got) {
		r->name_en = r->status.phrase_en;
		r->name_zh = r->status.phrase_zh;
	}
	return 0;
}

int explain_rows(struct store *st, const struct ex_summary *s, struct ex_rows *out)
{
	struct ex_count c[EXPLAIN_SUMMARY_ROWS];
	memset(out, 0, sizeof *out);
	out->n = explain_summary_rows(s, c, EXPLAIN_SUMMARY_ROWS);
	for (size_t i = 0; i < out->n; i++) {
		out->row[i].c = c[i];
		if (row_fetch(st, &out->row[i]) < 0)
			return -1;
	}
	return 0;
}

void explain_rows_release(struct ex_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		hc_status_release(&r->row[i].status);
		hc_meaning_release(&r->row[i].meaning);
		hc_source_release(&r->row[i].source);
	}
	memset(r, 0, sizeof *r);
}

size_t explain_summary_rows(const struct ex_summary *s, struct ex_count *out, size_t max)
{
	size_t n = 0;
	for (int f = 0; f < EX_LOG_FORMATS_; f++)
		for (int c = 0; c < 1000; c++)
			if (s->count[f][c] && n < max)
				out[n++] = (struct ex_count){ (enum ex_log_format)f, c, s->count[f][c] };
	qsort(out, n, sizeof *out, by_count);
	return n;
}
