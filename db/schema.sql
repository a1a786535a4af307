-- httpcodes schema: the built-in reference data.
-- The build (tools/mkdb.c) runs this file, loads every db/**/*.rec file into these tables and
-- embeds the result in the binary. Column names are the field names of the .rec files
-- (see db/README.md). Bump user_version when a table changes; src/store.c refuses a database
-- whose version it does not know.
PRAGMA user_version = 6;

-- The five classes of status code.
CREATE TABLE categories (
  class          INTEGER PRIMARY KEY CHECK (class BETWEEN 1 AND 5),
  name_en        TEXT NOT NULL CHECK (name_en <> ''),
  name_zh        TEXT NOT NULL CHECK (name_zh <> ''),
  description_en TEXT NOT NULL CHECK (description_en <> ''),
  description_zh TEXT NOT NULL CHECK (description_zh <> '')
) STRICT;

-- Who defines or sends a code or an error: a registry, a server, a CDN, a cloud vendor, ...
CREATE TABLE sources (
  id       TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
  name_en  TEXT NOT NULL CHECK (name_en <> ''),
  name_zh  TEXT NOT NULL CHECK (name_zh <> ''),
  kind     TEXT NOT NULL CHECK (kind IN ('registry', 'server', 'proxy', 'cdn', 'cloud',
                                         'framework', 'rpc', 'api', 'client', 'user')),
  url      TEXT NOT NULL DEFAULT '',
  -- when the rows of this source were last compared with its page (or source file)
  checked  TEXT NOT NULL CHECK (checked GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;

-- Every status number we describe: the IANA registry, plus unofficial numbers in 100-599
-- that are common enough to deserve a full entry (status 'unofficial').
CREATE TABLE status_codes (
  code           INTEGER PRIMARY KEY CHECK (code BETWEEN 100 AND 599),
  class          INTEGER GENERATED ALWAYS AS (code / 100) VIRTUAL,
  phrase_en      TEXT NOT NULL CHECK (phrase_en <> ''),
  phrase_zh      TEXT NOT NULL CHECK (phrase_zh <> ''),
  status         TEXT NOT NULL CHECK (status IN ('standard', 'unused', 'obsoleted',
                                                 'temporary', 'unofficial')),
  spec           TEXT NOT NULL DEFAULT '',
  expires        TEXT CHECK (expires IS NULL OR
                             expires GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  summary_en     TEXT NOT NULL CHECK (summary_en <> ''),
  summary_zh     TEXT NOT NULL CHECK (summary_zh <> ''),
  description_en TEXT NOT NULL CHECK (description_en <> ''),
  description_zh TEXT NOT NULL CHECK (description_zh <> ''),
  causes_en      TEXT NOT NULL CHECK (causes_en <> ''),
  causes_zh      TEXT NOT NULL CHECK (causes_zh <> ''),
  advice_en      TEXT NOT NULL CHECK (advice_en <> ''),
  advice_zh      TEXT NOT NULL CHECK (advice_zh <> ''),
  headers        TEXT NOT NULL DEFAULT '',          -- header field names, comma-separated
  -- Words people search with that the texts may not use ("限流", "throttling" for 429),
  -- separated by ';'. Search only: never shown.
  keywords_en    TEXT NOT NULL DEFAULT '',
  keywords_zh    TEXT NOT NULL DEFAULT '',
  CHECK ((status = 'temporary') = (expires IS NOT NULL))
) STRICT;

-- Older or alternative reason phrases ("Payload Too Large" for 413).
CREATE TABLE status_aliases (
  code    INTEGER NOT NULL REFERENCES status_codes(code),
  alias   TEXT NOT NULL CHECK (alias <> ''),
  origin  TEXT NOT NULL CHECK (origin <> ''),
  PRIMARY KEY (code, alias)
) STRICT;

-- Codes people confuse, and how they differ (401/403, 502/504, ...). One row per direction.
CREATE TABLE related_codes (
  code     INTEGER NOT NULL REFERENCES status_codes(code),
  related  INTEGER NOT NULL REFERENCES status_codes(code),
  note_en  TEXT NOT NULL CHECK (note_en <> ''),
  note_zh  TEXT NOT NULL CHECK (note_zh <> ''),
  PRIMARY KEY (code, related),
  CHECK (code <> related)
) STRICT;

-- Ideas people search for in words of their own that the texts need not use (rate limiting,
-- hotlink protection, idempotency ...): the words in both languages ("; " between them) and the
-- statuses the idea leads to (blanks between them). Searched with those statuses (their words
-- go into each one's keys in the index), never shown as rows of their own.
CREATE TABLE concepts (
  id        TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
  words_en  TEXT NOT NULL CHECK (words_en <> ''),
  words_zh  TEXT NOT NULL CHECK (words_zh <> ''),
  codes     TEXT NOT NULL CHECK (codes <> '' AND codes NOT GLOB '*[^0-9 ]*'),
  -- A thing with no status of its own (a CORS block, a TLS failure before any response): its
  -- name and what it is, said above the results when a query names it; codes are then the
  -- statuses related to it. '' for an idea that is a status's.
  name_en   TEXT NOT NULL DEFAULT '',
  name_zh   TEXT NOT NULL DEFAULT '',
  about_en  TEXT NOT NULL DEFAULT '',
  about_zh  TEXT NOT NULL DEFAULT '',
  CHECK ((name_en = '') = (name_zh = '') AND (name_en = '') = (about_en = '') AND
         (about_en = '') = (about_zh = ''))
) STRICT;

-- The other names people call a source or one of its products by (k8s, gcp, aliyun; oss for
-- Alibaba Cloud's OSS): searched with its rows (the product's only, when product is given).
-- A query that names one ("腾讯云 鉴权失败", "oss NoSuchKey") ranks that source's rows higher,
-- as it does for a source's id and its one-word Chinese name.
CREATE TABLE source_aliases (
  source  TEXT NOT NULL REFERENCES sources(id),
  alias   TEXT NOT NULL CHECK (alias <> ''),
  product TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (source, alias)
) STRICT;

-- What one sender means by a number (499: nginx "client closed request", Esri "token
-- required"). The number need not be registered, nor even in 100-599 (000, 783).
CREATE TABLE vendor_meanings (
  number         INTEGER NOT NULL CHECK (number BETWEEN 0 AND 999),
  source         TEXT NOT NULL REFERENCES sources(id),
  name_en        TEXT NOT NULL CHECK (name_en <> ''),
  name_zh        TEXT NOT NULL CHECK (name_zh <> ''),
  description_en TEXT NOT NULL CHECK (description_en <> ''),
  description_zh TEXT NOT NULL CHECK (description_zh <> ''),
  ref            TEXT NOT NULL CHECK (ref <> ''),   -- where the fact comes from
  PRIMARY KEY (number, source)
) STRICT;

-- Business errors: the error code an API returns together with an HTTP status. One code may be
-- sent with several statuses (Huawei APIGW.0201, Azure ConditionNotMet 304 or 412): one row each.
-- http_status is NULL when the vendor documents the code but not the status it comes with
-- (Google's ErrorInfo reasons, most of Cloudflare's 1xxx pages): the meaning is a fact, a status
-- would be a guess.
CREATE TABLE mappings (
  id             INTEGER PRIMARY KEY,
  source         TEXT NOT NULL REFERENCES sources(id),
  product        TEXT NOT NULL DEFAULT '',          -- service or product; '' for vendor-wide
  error_code     TEXT NOT NULL CHECK (error_code <> ''),
  http_status    INTEGER REFERENCES status_codes(code),
  message_en     TEXT NOT NULL CHECK (message_en <> ''),
  message_zh     TEXT NOT NULL CHECK (message_zh <> ''),
  description_en TEXT NOT NULL CHECK (description_en <> ''),
  description_zh TEXT NOT NULL CHECK (description_zh <> ''),
  advice_en      TEXT NOT NULL DEFAULT '',
  advice_zh      TEXT NOT NULL DEFAULT '',
  ref            TEXT NOT NULL CHECK (ref <> ''),   -- documentation page or source file
  UNIQUE (source, product, error_code, http_status),
  CHECK ((advice_en = '') = (advice_zh = ''))
) STRICT;

CREATE INDEX mappings_status ON mappings(http_status);
-- UNIQUE above lets NULLs repeat: one row per code without a status.
CREATE UNIQUE INDEX mappings_no_status ON mappings(source, product, error_code) WHERE http_status IS NULL;
CREATE INDEX mappings_code ON mappings(error_code COLLATE NOCASE);
CREATE INDEX vendor_meanings_source ON vendor_meanings(source);

-- What each version of the user's own database holds (type, name and SQL of each object), filled
-- by mkdb from the migrations in src/store_schema.c: a user's file is compared with it before
-- anything in the file runs.
CREATE TABLE user_schema (
  version INTEGER NOT NULL,
  type    TEXT NOT NULL,
  name    TEXT NOT NULL,
  sql     TEXT,
  PRIMARY KEY (version, name)
) STRICT;

-- The words that name a source, or one of its products, in a query: its id, its Chinese name
-- when that is one word (阿里云), and its one-word aliases; lower case. product '' is the whole source.
CREATE VIEW source_words AS
  SELECT lower(id) AS word, id AS source, '' AS product FROM sources WHERE kind <> 'registry'
  UNION SELECT lower(name_zh), id, '' FROM sources
    WHERE kind <> 'registry' AND name_zh NOT GLOB '* *' AND name_zh GLOB '*[^ -~]*'
  UNION SELECT lower(alias), source, product FROM source_aliases WHERE alias NOT GLOB '* *';

-- Header fields that go with statuses (Retry-After, WWW-Authenticate, Location ...): entries of
-- their own, searchable, each with the statuses it belongs to (issue 16, part 3).
CREATE TABLE headers (
  name           TEXT PRIMARY KEY CHECK (name <> '' AND name NOT GLOB '*[^A-Za-z0-9-]*'),
  spec           TEXT NOT NULL CHECK (spec <> ''),       -- "RFC 9110, Section 10.2.3"
  summary_en     TEXT NOT NULL CHECK (summary_en <> ''),
  summary_zh     TEXT NOT NULL CHECK (summary_zh <> ''),
  description_en TEXT NOT NULL CHECK (description_en <> ''),
  description_zh TEXT NOT NULL CHECK (description_zh <> ''),
  example        TEXT NOT NULL DEFAULT '',               -- a line as sent: "Retry-After: 120"
  ref            TEXT NOT NULL CHECK (ref GLOB 'https://*')
) STRICT;

-- Which statuses a header goes with: required (the spec says MUST or SHOULD send it with that
-- status), usual (commonly sent with it), related (meaningful with it: the request header a
-- 412 is about). note_*: what it does there, in one sentence (both or neither).
CREATE TABLE header_statuses (
  header   TEXT NOT NULL REFERENCES headers(name),
  code     INTEGER NOT NULL REFERENCES status_codes(code),
  role     TEXT NOT NULL CHECK (role IN ('required', 'usual', 'related')),
  note_en  TEXT NOT NULL DEFAULT '',
  note_zh  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (header, code),
  CHECK ((note_en = '') = (note_zh = ''))
) STRICT;

-- The names frameworks give a status (Go http.StatusTooManyRequests, Python
-- HTTPStatus.TOO_MANY_REQUESTS ...), as written in code, with the file that defines them.
CREATE TABLE constants (
  framework TEXT NOT NULL CHECK (framework IN ('go', 'python', 'spring', 'dotnet', 'rust', 'node',
                                               'rails', 'symfony', 'ktor')),
  code      INTEGER NOT NULL REFERENCES status_codes(code),
  constant  TEXT NOT NULL CHECK (constant <> ''),
  ref       TEXT NOT NULL CHECK (ref GLOB 'https://*'),
  PRIMARY KEY (framework, code, constant)
) STRICT;

-- Facts a program can use about each status (issue 16, part 4).
--   retry: may a client retry it, and how: never (the same request fails again), after
--     (after Retry-After or a while), backoff (with exponential backoff and jitter),
--     idempotent (only idempotent methods, as it is), changed (only after changing the request).
--   cacheable: heuristically cacheable by default (RFC 9110, Section 15.1).
--   body: may the response carry content (1xx, 204, 304 may not).
--   example: a short exchange (the request line, the status line, the headers that matter),
--     lines separated by newlines.
--   grpc_from_http: the gRPC code a gRPC client reports for this HTTP status (gRPC's own
--     HTTP-to-gRPC table); '' where the table says nothing of it.
CREATE TABLE status_facts (
  code           INTEGER PRIMARY KEY REFERENCES status_codes(code),
  retry          TEXT NOT NULL CHECK (retry IN ('never', 'after', 'backoff', 'idempotent', 'changed')),
  cacheable      INTEGER NOT NULL CHECK (cacheable IN (0, 1)),
  body           INTEGER NOT NULL CHECK (body IN (0, 1)),
  example        TEXT NOT NULL DEFAULT '',
  grpc_from_http TEXT NOT NULL DEFAULT '',
  ref            TEXT NOT NULL CHECK (ref GLOB 'https://*')
) STRICT;

-- What a server or proxy writes in its log, and what it means (for `explain`): a phrase of an
-- error log ("upstream timed out" in nginx's: the client got 504), or a flag of an access log
-- (Envoy's "UF": the upstream connection failed). A phrase is matched, in lower case, as part of
-- a log line; a flag is a whole field, as written. http_status is the status the client got
-- when the server logs it, NULL when none goes with it. Facts from the server's source at a tag
-- or its documentation (ref); cause and advice in our words.
CREATE TABLE log_phrases (
  source      TEXT NOT NULL REFERENCES sources(id),
  kind        TEXT NOT NULL CHECK (kind IN ('phrase', 'flag')),
  phrase      TEXT NOT NULL CHECK (phrase <> '' AND (kind = 'flag' OR phrase = lower(phrase))),
  http_status INTEGER CHECK (http_status BETWEEN 0 AND 999),
  cause_en    TEXT NOT NULL CHECK (cause_en <> ''),
  cause_zh    TEXT NOT NULL CHECK (cause_zh <> ''),
  advice_en   TEXT NOT NULL DEFAULT '',
  advice_zh   TEXT NOT NULL DEFAULT '',
  ref         TEXT NOT NULL CHECK (ref GLOB 'https://?*'),
  PRIMARY KEY (source, kind, phrase),
  CHECK ((advice_en = '') = (advice_zh = ''))
) STRICT;

-- The decision guide (issue 18): "which status should my API return?" as a tree of questions.
-- A node is a question (question_*, with its answers in guide_answers) or a leaf (code, with
-- the headers to send, why, the mistake it avoids, the nearest alternatives and the page that
-- says so). Answers are numbered 1-9 in the order they are shown. Our own words throughout.
CREATE TABLE guide_nodes (
  id           TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
  question_en  TEXT,
  question_zh  TEXT,
  code         INTEGER REFERENCES status_codes(code),
  headers      TEXT NOT NULL DEFAULT '',    -- header fields to send, blank-separated
  why_en       TEXT NOT NULL DEFAULT '',
  why_zh       TEXT NOT NULL DEFAULT '',
  mistake_en   TEXT NOT NULL DEFAULT '',    -- the common mistake the leaf avoids
  mistake_zh   TEXT NOT NULL DEFAULT '',
  alternatives TEXT NOT NULL DEFAULT '',    -- the nearest other codes, blank-separated
  ref          TEXT NOT NULL DEFAULT '',
  CHECK ((question_en IS NULL) = (question_zh IS NULL)),
  CHECK ((question_en IS NULL) <> (code IS NULL)),
  CHECK (code IS NULL OR (why_en <> '' AND why_zh <> '' AND ref GLOB 'https://?*')),
  CHECK ((mistake_en = '') = (mistake_zh = ''))
) STRICT;

CREATE TABLE guide_answers (
  node     TEXT NOT NULL REFERENCES guide_nodes(id),
  ord      INTEGER NOT NULL CHECK (ord BETWEEN 1 AND 9),
  label_en TEXT NOT NULL CHECK (label_en <> ''),
  label_zh TEXT NOT NULL CHECK (label_zh <> ''),
  next     TEXT NOT NULL REFERENCES guide_nodes(id),
  PRIMARY KEY (node, ord)
) STRICT;

-- House styles where respected guides disagree (Google AIP-193, Azure, Zalando): a style
-- changes the code of some leaves, and says why. RFC 9110 is the default: it has no rows.
CREATE TABLE guide_house_styles (
  id       TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
  name_en  TEXT NOT NULL CHECK (name_en <> ''),
  name_zh  TEXT NOT NULL CHECK (name_zh <> ''),
  about_en TEXT NOT NULL CHECK (about_en <> ''),
  about_zh TEXT NOT NULL CHECK (about_zh <> ''),
  ref      TEXT NOT NULL CHECK (ref GLOB 'https://?*')
) STRICT;

CREATE TABLE guide_styles (
  style    TEXT NOT NULL REFERENCES guide_house_styles(id),
  node     TEXT NOT NULL REFERENCES guide_nodes(id),
  code     INTEGER NOT NULL REFERENCES status_codes(code),
  note_en  TEXT NOT NULL CHECK (note_en <> ''),
  note_zh  TEXT NOT NULL CHECK (note_zh <> ''),
  ref      TEXT NOT NULL CHECK (ref GLOB 'https://?*'),
  PRIMARY KEY (style, node)
) STRICT;

-- Views that give the program each record with its sender's names.
CREATE VIEW mapping_view AS
  SELECT m.*, s.name_en AS source_en, s.name_zh AS source_zh
  FROM mappings m JOIN sources s ON s.id = m.source;

-- The business errors a vendor documents without their status (--stats counts them).
CREATE VIEW mappings_without_status AS
  SELECT * FROM mappings WHERE http_status IS NULL;

CREATE VIEW meaning_view AS
  SELECT v.*, s.name_en AS source_en, s.name_zh AS source_zh
  FROM vendor_meanings v JOIN sources s ON s.id = v.source;

CREATE VIEW related_view AS
  SELECT r.code AS of_code, r.related AS code, c.phrase_en, c.phrase_zh, r.note_en, r.note_zh
  FROM related_codes r JOIN status_codes c ON c.code = r.related;

-- Words a question is asked in but that need not match: particles and question words in both
-- languages ("what does 429 mean", "token过期了应该返回哪个"). Data, as the concepts are, so
-- that the list grows without touching the search code. Lower case.
CREATE TABLE stop_words (
  word  TEXT PRIMARY KEY CHECK (word <> '' AND word = lower(word)),
  lang  TEXT NOT NULL CHECK (lang IN ('en', 'zh')),
  -- 1: a one-character particle dropped also at the end of a phrase (过期了, 对吗)
  final INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1))
) STRICT, WITHOUT ROWID;
