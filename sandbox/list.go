package sandbox

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/facesign/facesign-mcp/facesign"
)

const (
	defaultLimit = 25
	maxLimit     = 100
	maxSearchLen = 200
)

// listQuery is a parsed GET /sessions query.
type listQuery struct {
	limit        int
	cursor       *cursor
	statuses     []facesign.Status
	clientRef    string
	flowID       string
	from, to     int64 // Unix ms, 0 = open
	search       string
	sortBy       string // createdAt | finishedAt | status
	desc         bool
	includeTotal bool
	viaIndex     bool // the page is read through the trigram index, sorted (see cursor.Index)
}

// cursor is the position after the last session of a page: the sort key and the
// insertion sequence that breaks ties. It also carries the sort and a
// fingerprint of the filters, so a cursor cannot be replayed on another query.
type cursor struct {
	Sort   string `json:"s"`
	Desc   bool   `json:"d"`
	Key    int64  `json:"k"`
	Seq    int64  `json:"q"`
	Filter string `json:"f"`
	// Index says the previous page took a rare search term's matches from the
	// trigram index: the next page goes there directly instead of first
	// checking sessions one by one in vain.
	Index bool `json:"i,omitempty"`
}

var listParams = []string{"limit", "cursor", "status", "clientReferenceId", "flowId", "fromDate", "toDate", "search", "sortBy", "sortOrder", "includeTotal"}

func parseListQuery(v url.Values) (*listQuery, error) {
	for k := range v {
		if !slices.Contains(listParams, k) {
			return nil, fieldError("unknown_parameter", k, "unknown query parameter %q; the list parameters are %s", truncate(k, 60), strings.Join(listParams, ", "))
		}
	}
	for _, k := range listParams {
		if k != "status" && len(v[k]) > 1 {
			return nil, fieldError("invalid_parameter", k, "%s is given %d times; give it once", k, len(v[k]))
		}
	}
	q := &listQuery{limit: defaultLimit, sortBy: "createdAt", desc: true}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return nil, fieldError("invalid_parameter", "limit", "limit must be a whole number from 1 to %d, got %q", maxLimit, truncate(s, 40))
		}
		q.limit = n
	}
	for _, raw := range v["status"] {
		for _, part := range strings.Split(raw, ",") {
			part = strings.TrimSpace(part)
			st, ok := facesign.ParseStatus(part)
			if !ok {
				return nil, fieldError("invalid_parameter", "status", "status %q is not a session status; use requiresInput, processing, complete or canceled", truncate(part, 40))
			}
			if !slices.Contains(q.statuses, st) {
				q.statuses = append(q.statuses, st)
			}
		}
	}
	q.clientRef = v.Get("clientReferenceId")
	q.flowID = v.Get("flowId")
	var err error
	if q.from, err = parseDate(v, "fromDate"); err != nil {
		return nil, err
	}
	if q.to, err = parseDate(v, "toDate"); err != nil {
		return nil, err
	}
	if q.from != 0 && q.to != 0 && q.from > q.to {
		return nil, fieldError("invalid_parameter", "fromDate", "fromDate is after toDate")
	}
	q.search = strings.TrimSpace(v.Get("search"))
	if utf8.RuneCountInString(q.search) > maxSearchLen || !utf8.ValidString(q.search) {
		return nil, fieldError("invalid_parameter", "search", "search must be valid text of at most %d characters", maxSearchLen)
	}
	// SQLite reads an FTS5 query and a LIKE pattern as C strings: a NUL would cut
	// the quoted phrase (a syntax error) or the pattern (matching every session).
	if strings.IndexByte(q.search, 0) >= 0 {
		return nil, fieldError("invalid_parameter", "search", "search must not contain a NUL character")
	}
	switch s := v.Get("sortBy"); s {
	case "", "createdAt":
	case "finishedAt", "status":
		q.sortBy = s
	default:
		return nil, fieldError("invalid_parameter", "sortBy", "sortBy %q must be createdAt, finishedAt or status", truncate(s, 40))
	}
	switch s := v.Get("sortOrder"); s {
	case "", "desc":
	case "asc":
		q.desc = false
	default:
		return nil, fieldError("invalid_parameter", "sortOrder", "sortOrder %q must be asc or desc", truncate(s, 40))
	}
	if s := v.Get("includeTotal"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fieldError("invalid_parameter", "includeTotal", "includeTotal must be true or false, got %q", truncate(s, 40))
		}
		q.includeTotal = b
	}
	if s := v.Get("cursor"); s != "" {
		c, err := decodeCursor(s)
		if err != nil || c.Sort != q.sortBy || c.Desc != q.desc || c.Filter != q.fingerprint() {
			return nil, fieldError("invalid_cursor", "cursor", "cursor is not one this list query returned: pass nextCursor unchanged, with the same filters and sort")
		}
		q.cursor = c
	}
	return q, nil
}

// parseDate reads Unix seconds (milliseconds above 10^12) or an RFC 3339 time.
func parseDate(v url.Values, name string) (int64, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 && n < 1e15 {
		return facesign.UnixTime(n).UnixMilli(), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UnixMilli(), nil
	}
	return 0, fieldError("invalid_parameter", name, "%s must be a Unix time in seconds (or milliseconds), got %q", name, truncate(s, 40))
}

// filters is the query's filters as text: equal texts select the same sessions.
func (q *listQuery) filters() string {
	return fmt.Sprintf("%q|%q|%q|%d|%d|%q", q.statuses, q.clientRef, q.flowID, q.from, q.to, q.search)
}

func (q *listQuery) fingerprint() string {
	sum := sha256.Sum256([]byte(q.filters()))
	return hex.EncodeToString(sum[:6])
}

// versionCache remembers what a list read, by key, with the sessions_version
// value it was read at (migration 5): an entry serves only the same version,
// that is while no session has been written.
type versionCache[T any] struct {
	mu   sync.Mutex
	m    map[string]versioned[T]
	hits atomic.Int64 // for tests
}

type versioned[T any] struct {
	version int64
	value   T
}

// countCache holds includeTotal's totals, by account and filters.
type countCache = versionCache[int]

// matchCache holds searchMatches' answers, by search text: at most scanBudget
// rowids each (8 KB at the default), so at most about 8 MB when full.
type matchCache = versionCache[[]int64]

// maxCached bounds a cache's entries: beyond it the cache starts again empty.
const maxCached = 1024

func (c *versionCache[T]) get(key string, version int64) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || e.version != version {
		var zero T
		return zero, false
	}
	c.hits.Add(1)
	return e.value, true
}

func (c *versionCache[T]) put(key string, version int64, value T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCached {
		c.m = map[string]versioned[T]{} // forget everything rather than track use: entries are cheap to remake
	}
	c.m[key] = versioned[T]{version, value}
}

func encodeCursor(c cursor) string {
	raw, _ := json.Marshal(c) // a struct of strings and numbers always encodes
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string) (*cursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	var c cursor
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, err
	}
	return &c, nil
}

func (q *listQuery) keyColumn() string {
	switch q.sortBy {
	case "finishedAt":
		return "finished_sort"
	case "status":
		return "status_rank"
	}
	return "created_at"
}

// after is a query for the seq and sort key of the first n sessions that match
// where and come after the cursor in list order. Past a cursor it is two index
// ranges: the rest of the cursor's own sort key (key = k AND seq < s), then the
// keys beyond it. SQLite answers the row value (key, seq) < (k, s) with a range
// on the key alone and steps over every session of key k before the cursor one
// by one: a sort key shared by many sessions (the status rank, a finishedAt of
// 0 for every unfinished session) made a deep page cost as much as the pages
// before it.
func (q *listQuery) after(where string, args []any, n int) (string, []any) {
	key := q.keyColumn()
	dir, cmp := "DESC", "<"
	if !q.desc {
		dir, cmp = "ASC", ">"
	}
	order := " ORDER BY " + key + " " + dir + ", seq " + dir
	if q.cursor == nil {
		return "SELECT seq, " + key + " FROM sessions WHERE " + where + order + " LIMIT ?", append(slices.Clone(args), n)
	}
	same := "SELECT seq, " + key + " FROM (SELECT seq, " + key + " FROM sessions WHERE " + where + " AND " + key + " = ? AND seq " + cmp + " ? ORDER BY seq " + dir + " LIMIT ?)"
	beyond := "SELECT seq, " + key + " FROM (SELECT seq, " + key + " FROM sessions WHERE " + where + " AND " + key + " " + cmp + " ?" + order + " LIMIT ?)"
	all := slices.Concat(args, []any{q.cursor.Key, q.cursor.Seq, n}, args, []any{q.cursor.Key, n, n})
	return same + " UNION ALL " + beyond + order + " LIMIT ?", all
}

// where builds the filter clause shared by the page and the total count;
// withSearch adds the free-text search through the trigram index.
func (q *listQuery) where(acct int64, withSearch bool) (string, []any) {
	var b strings.Builder
	args := []any{acct}
	b.WriteString("account_id = ?")
	if len(q.statuses) > 0 {
		// Sorted by status, the filter is put on status_rank (the same thing)
		// so that the sort's index answers it; otherwise on status, which the
		// other indexes carry.
		col, val := "status", func(st facesign.Status) any { return string(st) }
		if q.sortBy == "status" {
			col, val = "status_rank", func(st facesign.Status) any { return statusRank(st) }
		}
		b.WriteString(" AND " + col + " IN (")
		for i, st := range q.statuses {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('?')
			args = append(args, val(st))
		}
		b.WriteByte(')')
	}
	if q.clientRef != "" {
		b.WriteString(" AND client_reference_id = ?")
		args = append(args, q.clientRef)
	}
	if q.flowID != "" {
		b.WriteString(" AND flow_id = ?")
		args = append(args, q.flowID)
	}
	if q.from != 0 {
		b.WriteString(" AND created_at >= ?")
		args = append(args, q.from)
	}
	if q.to != 0 {
		b.WriteString(" AND created_at <= ?")
		args = append(args, q.to)
	}
	if q.search != "" && withSearch {
		if utf8.RuneCountInString(q.search) >= 3 {
			// The trigram index answers substring queries of three characters or more;
			// the search is one quoted phrase so FTS syntax in it is taken literally.
			b.WriteString(" AND seq IN (SELECT rowid FROM session_search WHERE session_search MATCH ?)")
			args = append(args, ftsPhrase(q.search))
		} else {
			// Under three characters the index cannot help: scan the text itself.
			b.WriteString(` AND seq IN (SELECT id FROM session_search_content WHERE c0 LIKE ? ESCAPE '\')`)
			args = append(args, q.likePattern())
		}
	}
	return b.String(), args
}

func (s *Sandbox) listSessions(w http.ResponseWriter, r *http.Request, a account) (int, any, error) {
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return 0, nil, fieldError("invalid_query", "query", "the query string is malformed: %v", err)
	}
	q, err := parseListQuery(values)
	if err != nil {
		return 0, nil, err
	}
	resp, err := s.list(r.Context(), a.id, q)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, resp.encode(), nil
}

// encode writes the page around the stored session bytes (see encodedJSON),
// in the field order and omissions of encoding/json.
func (r *listResponse) encode() encodedJSON {
	n := 64
	for _, s := range r.Sessions {
		n += len(s) + 1
	}
	b := make([]byte, 0, n+len(r.NextCursor))
	b = append(b, `{"sessions":[`...)
	for i, s := range r.Sessions {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, s...)
	}
	b = append(b, ']')
	if r.NextCursor != "" {
		b = append(b, `,"nextCursor":`...)
		b = strconv.AppendQuote(b, r.NextCursor) // base64url: nothing to escape
	}
	b = append(b, `,"hasMore":`...)
	b = strconv.AppendBool(b, r.HasMore)
	if r.TotalCount != nil {
		b = append(b, `,"totalCount":`...)
		b = strconv.AppendInt(b, int64(*r.TotalCount), 10)
	}
	return append(b, '}')
}

// listResponse is facesign.ListSessionsResponse with the sessions as stored wire JSON.
type listResponse struct {
	Sessions   []json.RawMessage `json:"sessions"`
	NextCursor string            `json:"nextCursor,omitempty"`
	HasMore    bool              `json:"hasMore"`
	TotalCount *int              `json:"totalCount,omitempty"`
}

// defaultScanBudget is how many sessions, in list order, the search may check
// one by one before it switches to the trigram index (Sandbox.scanBudget;
// tests lower it).
const defaultScanBudget = 1000

// ftsPhrase quotes the search as one FTS5 phrase, so that its syntax
// characters are taken literally.
func ftsPhrase(search string) string {
	return `"` + strings.ReplaceAll(search, `"`, `""`) + `"`
}

func (q *listQuery) likePattern() string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q.search) + "%"
}

func (s *Sandbox) list(ctx context.Context, acct int64, q *listQuery) (*listResponse, error) {
	key := q.keyColumn()
	dir, cmp := "DESC", "<"
	if !q.desc {
		dir, cmp = "ASC", ">"
	}
	// Settings and state are read only for a session not rendered yet (a row from before migration 2).
	const cols = "sessions.seq, sessions.id, account_id, created_at, CASE WHEN view = '' THEN settings ELSE '' END, CASE WHEN view = '' THEN state ELSE '' END, revision, view, "
	keyset := func(where string, args []any) (string, []any) {
		args = slices.Clone(args)
		if q.cursor != nil {
			where += " AND (" + key + ", seq) " + cmp + " (?, ?)"
			args = append(args, q.cursor.Key, q.cursor.Seq)
		}
		return where, args
	}
	order := " ORDER BY " + key + " " + dir + ", seq " + dir

	tx, err := s.db.r.BeginTx(ctx, nil) // one snapshot for the page and its total
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to lose

	var resp *listResponse
	switch {
	case q.search != "" && q.sortBy == "createdAt" && utf8.RuneCountInString(q.search) >= 3:
		// Insertion order is createdAt order (insertSession keeps it so), so the
		// trigram index can be walked in rowid order and stop at the page's end.
		where, args := q.where(acct, false)
		page := "SELECT " + cols + key + " FROM session_search JOIN sessions ON sessions.seq = session_search.rowid" +
			" WHERE session_search MATCH ? AND " + where
		args = append([]any{ftsPhrase(q.search)}, args...)
		if q.cursor != nil {
			page += " AND session_search.rowid " + cmp + " ?"
			args = append(args, q.cursor.Seq)
		}
		page += " ORDER BY session_search.rowid " + dir + " LIMIT ?"
		resp, err = s.readPage(ctx, tx, q, page, append(args, q.limit+1))
		if err != nil {
			return nil, err
		}
	case q.search != "" && utf8.RuneCountInString(q.search) >= 3:
		// Another order than the index's. First ask the index whether the term
		// is rare: at most scanBudget matches (read as rowids only, and the
		// read stops there) are looked up and sorted directly, a cost bounded
		// by the budget whatever the account's size. A commoner term fills a
		// page within the first sessions in list order: those are checked one
		// by one (scanPage), and only if the budget runs out there too do all
		// the term's matches go through the sort.
		// A cursor from a scanned page skips the question: the first page
		// found the term common.
		var matches []int64
		if q.cursor == nil || q.cursor.Index {
			if matches, err = s.searchMatches(ctx, tx, q.search); err != nil {
				return nil, err
			}
		}
		switch {
		case matches != nil && len(matches) <= s.scanBudget:
			where, args := keyset(q.where(acct, false))
			page := "SELECT " + cols + key + " FROM sessions WHERE seq IN (SELECT sessions.seq FROM json_each(?) AS m CROSS JOIN sessions" +
				" ON sessions.seq = m.value WHERE " + where + order + " LIMIT ?)" + order
			args = append([]any{jsonInts(matches)}, args...)
			q.viaIndex = true
			resp, err = s.readPage(ctx, tx, q, page, append(args, q.limit+1))
		case q.cursor == nil || !q.cursor.Index:
			resp, err = s.scanPage(ctx, tx, q, cols, order, acct)
		}
		if err != nil {
			return nil, err
		}
	case q.search != "":
		// Under three characters the index cannot help: check the first
		// sessions in list order one by one, then, if the page is not full
		// within the budget, scan the text (below).
		if resp, err = s.scanPage(ctx, tx, q, cols, order, acct); err != nil {
			return nil, err
		}
	}
	if resp == nil && q.search != "" && utf8.RuneCountInString(q.search) >= 3 {
		// The term is common but rare in this order: take its matches from the
		// index and sort them. CROSS JOIN keeps SQLite from walking the sort
		// index over every session of the account instead.
		// Only seq and the sort key go through the sort: SQLite's sorter would
		// otherwise carry every match's stored session, not just the page's.
		where, args := keyset(q.where(acct, false))
		page := "SELECT " + cols + key + " FROM sessions WHERE seq IN (SELECT sessions.seq FROM session_search CROSS JOIN sessions" +
			" ON sessions.seq = session_search.rowid WHERE session_search MATCH ? AND " + where + order + " LIMIT ?)" + order
		args = append([]any{ftsPhrase(q.search)}, args...)
		q.viaIndex = true
		resp, err = s.readPage(ctx, tx, q, page, append(args, q.limit+1))
		if err != nil {
			return nil, err
		}
	}
	if resp == nil {
		where, args := q.where(acct, true)
		page := "SELECT " + cols + key + " FROM sessions WHERE " + where + order + " LIMIT ?"
		args = append(args, q.limit+1)
		if q.cursor != nil {
			var sub string
			sub, args = q.after(where, args[:len(args)-1], q.limit+1)
			page = "SELECT " + cols + key + " FROM sessions WHERE seq IN (SELECT seq FROM (" + sub + "))" + order
		}
		resp, err = s.readPage(ctx, tx, q, page, args)
		if err != nil {
			return nil, err
		}
	}
	if q.includeTotal && q.counted() {
		// Kept by triggers in the transactions that change sessions, so exact
		// in this snapshot, and at most four rows to add up.
		where, args := "account_id = ? AND client_reference_id = ?", []any{acct, q.clientRef}
		if len(q.statuses) > 0 {
			where += " AND status IN (?" + strings.Repeat(",?", len(q.statuses)-1) + ")"
			for _, st := range q.statuses {
				args = append(args, string(st))
			}
		}
		var total int
		s.trace("SELECT COALESCE(SUM(n), 0) FROM session_counts WHERE "+where, args)
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(SUM(n), 0) FROM session_counts WHERE "+where, args...).Scan(&total); err != nil {
			return nil, fmt.Errorf("count sessions: %w", err)
		}
		resp.TotalCount = &total
	} else if q.includeTotal {
		// Read in the page's snapshot: a total counted at this version counts
		// exactly the sessions this snapshot holds.
		version, err := sessionsVersion(ctx, tx)
		if err != nil {
			return nil, fmt.Errorf("count sessions: %w", err)
		}
		key := strconv.FormatInt(acct, 10) + "|" + q.filters()
		total, ok := s.counts.get(key, version)
		if !ok {
			var err error
			if total, err = s.countMatches(ctx, tx, acct, q); err != nil {
				return nil, fmt.Errorf("count sessions: %w", err)
			}
			s.counts.put(key, version, total)
		}
		resp.TotalCount = &total
	}
	return resp, nil
}

// searchMatches returns the rowids of the sessions (of every account) that
// match the search, if there are at most scanBudget of them, or nil. It reads
// rowids only, and stops one past the budget. The answer is remembered for
// the snapshot's sessions_version, so the later pages of a list read while
// nothing is written ask the index nothing.
func (s *Sandbox) searchMatches(ctx context.Context, tx *sql.Tx, search string) ([]int64, error) {
	version, err := sessionsVersion(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	key := strconv.Itoa(s.scanBudget) + "|" + search
	if matches, ok := s.matches.get(key, version); ok {
		return matches, nil
	}
	const probe = "SELECT rowid FROM session_search WHERE session_search MATCH ? LIMIT ?"
	args := []any{ftsPhrase(search), s.scanBudget + 1}
	s.trace(probe, args)
	rows, err := tx.QueryContext(ctx, probe, args...)
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	defer rows.Close()
	matches := make([]int64, 0, 64)
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			return nil, fmt.Errorf("list sessions: %w", err)
		}
		matches = append(matches, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	if len(matches) > s.scanBudget {
		matches = nil // common: remembered as such
	}
	s.matches.put(key, version, matches)
	return matches, nil
}

// sessionsVersion reads the version of the sessions table in the snapshot of
// tx: what was read in another transaction at this version is still true.
func sessionsVersion(ctx context.Context, tx *sql.Tx) (int64, error) {
	var version int64
	err := tx.QueryRowContext(ctx, `SELECT v FROM sessions_version WHERE id = 1`).Scan(&version)
	return version, err
}

// jsonInts is ns as a JSON array, for json_each.
func jsonInts(ns []int64) string {
	b := make([]byte, 0, 2+8*len(ns))
	b = append(b, '[')
	for i, n := range ns {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, n, 10)
	}
	return string(append(b, ']'))
}

// scanPage reads a search's page by checking the first scanBudget sessions in
// list order one by one, or returns nil when the budget ran out before the
// page was full (the caller then asks the index).
func (s *Sandbox) scanPage(ctx context.Context, tx *sql.Tx, q *listQuery, cols, order string, acct int64) (*listResponse, error) {
	key := q.keyColumn()
	where, args := q.where(acct, false)
	first, firstArgs := q.after(where, args, s.scanBudget)
	// Only seq and the sort key travel through the scan; the page's rows are read at the end.
	// The text is read from the FTS5 table's own content table (id, c0), a rowid
	// lookup: a LIKE on the virtual table itself would scan the whole index.
	scan := "SELECT " + cols + key + " FROM sessions WHERE seq IN (SELECT seq FROM (" + first +
		") AS scanned WHERE (SELECT c0 FROM session_search_content WHERE id = scanned.seq) LIKE ? ESCAPE '\\'" +
		order + " LIMIT ?)" + order
	resp, err := s.readPage(ctx, tx, q, scan, append(slices.Clone(firstArgs), q.likePattern(), q.limit+1))
	if err != nil || resp.HasMore {
		return resp, err
	}
	var scanned int
	countQ := "SELECT COUNT(*) FROM (" + first + ")"
	s.trace(countQ, firstArgs)
	if err := tx.QueryRowContext(ctx, countQ, firstArgs...).Scan(&scanned); err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	if scanned >= s.scanBudget {
		return nil, nil // the budget ran out: the index decides
	}
	return resp, nil
}

func (s *Sandbox) trace(query string, args []any) {
	if s.listTrace != nil {
		s.listTrace(query, args)
	}
}

// defaultRareMatches is how many matches of a search countMatches reads one
// by one before it counts another way (Sandbox.rareMatches; tests lower it).
const defaultRareMatches = 500

// countMatches counts the sessions that match q. A search of three characters
// or more first counts from the trigram index's matches, looking each session
// up by rowid (CROSS JOIN keeps that order): cheap for a rare term, and
// stopped after s.rareMatches. A common term, and any other filter, is counted
// by walking the account's sessions in a covering index and probing the
// matches, which reads no session row but does grow with the account.
func (s *Sandbox) countMatches(ctx context.Context, tx *sql.Tx, acct int64, q *listQuery) (int, error) {
	var n int
	if q.search != "" && utf8.RuneCountInString(q.search) >= 3 {
		where, args := q.where(acct, false)
		rare := "SELECT COUNT(*) FROM (SELECT 1 FROM session_search CROSS JOIN sessions ON sessions.seq = session_search.rowid" +
			" WHERE session_search MATCH ? AND " + where + " LIMIT ?)"
		args = append(append([]any{ftsPhrase(q.search)}, args...), s.rareMatches+1)
		s.trace(rare, args)
		if err := tx.QueryRowContext(ctx, rare, args...).Scan(&n); err != nil {
			return 0, err
		}
		if n <= s.rareMatches {
			return n, nil
		}
	}
	where, args := q.where(acct, true)
	all := "SELECT COUNT(*) FROM sessions WHERE " + where
	s.trace(all, args)
	err := tx.QueryRowContext(ctx, all, args...).Scan(&n)
	return n, err
}

// counted says whether session_counts answers the query's total: filters
// by status and client reference only (migration 7).
func (q *listQuery) counted() bool {
	return q.flowID == "" && q.from == 0 && q.to == 0 && q.search == ""
}

// readPage runs a page query (limit+1 rows) and builds the answer and its cursor.
func (s *Sandbox) readPage(ctx context.Context, tx *sql.Tx, q *listQuery, query string, args []any) (*listResponse, error) {
	s.trace(query, args)
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	defer rows.Close()
	resp := &listResponse{Sessions: make([]json.RawMessage, 0, q.limit)}
	var last cursor
	fp := q.fingerprint()
	for rows.Next() {
		if len(resp.Sessions) == q.limit {
			resp.HasMore = true
			break
		}
		var row sessionRow
		var k int64
		if err := rows.Scan(&row.seq, &row.id, &row.accountID, &row.createdAt, &row.settings, &row.state, &row.revision, &row.rendered, &k); err != nil {
			return nil, fmt.Errorf("list sessions: %w", err)
		}
		sess, err := row.wire()
		if err != nil {
			return nil, err
		}
		resp.Sessions = append(resp.Sessions, sess)
		last = cursor{Sort: q.sortBy, Desc: q.desc, Key: k, Seq: row.seq, Filter: fp, Index: q.viaIndex}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	if resp.HasMore {
		resp.NextCursor = encodeCursor(last)
	}
	return resp, nil
}
