/* gencsv: N business error rows as an import file would hold them, for timing the import (see
 * importbench.sh). Ten columns, Chinese and English mixed the way a team's own table is, about
 * 680 bytes a row, every key distinct; the same N always gives the same bytes, so two runs (or
 * two commits) time the same work.
 *   gencsv N [--json] > rows.csv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const teams[] = { "Orders", "Payments", "Accounts", "Search", "Checkout",
				     "Inventory", "Shipping", "Identity", "Messaging", "Billing" };
static const char *const products[] = { "api", "web", "ios", "android", "gateway", "worker" };
static const char *const parts[] = { "ORDER", "QUOTA", "USER", "TOKEN", "PAYMENT", "INVALID",
				     "LOCKED", "EXPIRED", "NOT_FOUND", "LIMIT", "TIMEOUT", "CONFLICT" };
static const char *const en[] = {
	"The order is locked by another request and cannot be changed now.",
	"The access token has expired; sign in again to get a new one.",
	"Too many requests were sent in a short time, so the quota is used up.",
	"The payment was declined by the card issuer without a reason given.",
	"The requested resource does not exist or has been deleted already.",
	"A required parameter is missing or its value is out of range.",
	"The upstream service did not answer before the gateway gave up.",
	"The account is suspended until the outstanding balance is paid.",
};
static const char *const zh[] = {
	"订单已被其他请求锁定，暂时无法修改。",
	"访问令牌已过期，请重新登录以获取新的令牌。",
	"短时间内请求过多，配额已经用尽，请稍后再试。",
	"支付被发卡行拒绝，未给出具体原因。",
	"请求的资源不存在或已被删除。",
	"缺少必填参数，或参数取值超出允许范围。",
	"上游服务在网关超时前没有响应。",
	"账户已被暂停，结清欠款后方可恢复使用。",
};

static unsigned long seed = 12345;

/* A small linear congruential generator: the same sequence on every libc. */
static unsigned pick(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33) % n;
}

#define PICK(a) a[pick(sizeof a / sizeof a[0])]

/* A CSV field: quoted, its quotes doubled. */
static void csv(const char *s, int last)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
	putchar(last ? '\n' : ',');
}

/* A JSON string: the texts above need no escapes. */
static void json(const char *key, const char *s, int last)
{
	printf("\"%s\":\"%s\"%s", key, s, last ? "" : ",");
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 0;
	int as_json = argc > 2 && strcmp(argv[2], "--json") == 0;
	if (n <= 0) {
		fputs("usage: gencsv N [--json]\n", stderr);
		return 2;
	}
	if (as_json)
		putchar('[');
	else
		puts("team,product,error_code,http_status,message_en,message_zh,description_en,"
		     "description_zh,advice_en,advice_zh");
	for (long i = 0; i < n; i++) {
		char code[64], status[8], desc_en[400], desc_zh[400], adv_en[200], adv_zh[200];
		const char *f[10];
		snprintf(code, sizeof code, "%s_%s_%06ld", PICK(parts), PICK(parts), i);
		snprintf(status, sizeof status, "%u", 400 + pick(100));
		snprintf(desc_en, sizeof desc_en, "%s %s", PICK(en), PICK(en));
		snprintf(desc_zh, sizeof desc_zh, "%s%s%s", PICK(zh), PICK(zh), PICK(zh));
		snprintf(adv_en, sizeof adv_en, "%s %s", PICK(en), PICK(en));
		snprintf(adv_zh, sizeof adv_zh, "%s%s", PICK(zh), PICK(zh));
		f[0] = PICK(teams);
		f[1] = PICK(products);
		f[2] = code;
		f[3] = status;
		f[4] = PICK(en);
		f[5] = PICK(zh);
		f[6] = desc_en;
		f[7] = desc_zh;
		f[8] = adv_en;
		f[9] = adv_zh;
		if (as_json) {
			static const char *const keys[] = { "team", "product", "error_code", "http_status",
							    "message_en", "message_zh", "description_en",
							    "description_zh", "advice_en", "advice_zh" };
			printf("%s{", i ? ",\n" : "");
			for (int k = 0; k < 10; k++)
				json(keys[k], f[k], k == 9);
			putchar('}');
		} else {
			for (int k = 0; k < 10; k++)
				csv(f[k], k == 9);
		}
	}
	if (as_json)
		puts("]");
	return 0;
}
