package runner

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/facesign/facesign-mcp/flowbuild/flow"
)

// Verdict is a data_validation rule's result on the session's data.
type Verdict struct {
	Pass   bool
	Reason string // why it failed, or how a pass was read ("age 34")
}

// Evaluate runs a data_validation rule for real. lookup finds a field by name
// (collected data, then providedData; "providedData.x" for providedData alone).
// Actions (case and punctuation ignored):
//
//   - olderThan N (isOlderThan, ageAtLeast, minAge, ageOver): age in completed
//     years ≥ N, so "olderThan 18" passes from the 18th birthday (the reading of
//     FaceSign's "at least 18" conditions); youngerThan N (ageUnder): age < N;
//     maxAge N: age ≤ N. The field is a date of birth in any common format
//     (see ParseDate) or a number of years; a birthday on 29 February falls on
//     1 March in other years; the clock's UTC date is "today".
//   - equals / notEquals (eq, is, sameAs / ne, isNot, differs): text compared
//     case-insensitively with spaces folded, phone numbers by their digits, dates
//     as dates. The value is a literal, "{{field}}" (another field),
//     "providedData.key", or empty / a phrase naming the data on file ("matches
//     the one on file", "provided") to compare with providedData's same field.
//   - contains / notContains: case-insensitive substring.
//   - startsWith, endsWith; greaterThan / lessThan (numbers); exists / isEmpty.
//   - after / before (isAfter, laterThan / isBefore, earlierThan): the field is a
//     date (see ParseDate) strictly after or before the value's, which is a date
//     or "today" (the clock's UTC date): {expirationDate after today} passes for
//     a document that has not expired.
//   - matches (format, regex, pattern): a named format (email, phone, date,
//     number, digits, alpha, alphanumeric, url, uuid) or a regular expression
//     (RE2; /…/ and /…/i forms accepted).
//
// Missing data fails every action except isEmpty and notEquals' missing side.
func Evaluate(v flow.Validation, lookup func(field string) (string, bool), now time.Time) Verdict {
	action := normKeyPlain(v.Action)
	actual, ok := lookup(v.Field)
	actual = strings.TrimSpace(actual)
	if !ok || actual == "" {
		switch action {
		case "isempty", "empty", "missing", "notexists", "absent":
			return Verdict{Pass: true}
		}
		return Verdict{Reason: fmt.Sprintf("no %q was collected or provided", v.Field)}
	}
	switch action {
	case "olderthan", "isolderthan", "ageatleast", "minage", "minimumage", "ageover", "atleastage", "over":
		return ageRule(actual, v.Value, now, func(age, n int) bool { return age >= n }, "at least")
	case "youngerthan", "isyoungerthan", "ageunder", "under", "agebelow":
		return ageRule(actual, v.Value, now, func(age, n int) bool { return age < n }, "under")
	case "maxage", "maximumage", "ageatmost":
		return ageRule(actual, v.Value, now, func(age, n int) bool { return age <= n }, "at most")
	case "equals", "equal", "eq", "is", "sameas", "matchesprovided", "equalsprovided", "same":
		want, err := resolveValue(v, lookup)
		if err != "" {
			return Verdict{Reason: err}
		}
		if same(actual, want) {
			return Verdict{Pass: true}
		}
		return Verdict{Reason: fmt.Sprintf("%q does not equal %q", actual, want)}
	case "notequals", "notequal", "ne", "neq", "isnot", "differs", "differentfrom", "doesnotequal":
		want, err := resolveValue(v, lookup)
		if err != "" {
			return Verdict{Pass: true, Reason: err}
		}
		if same(actual, want) {
			return Verdict{Reason: fmt.Sprintf("%q equals %q", actual, want)}
		}
		return Verdict{Pass: true}
	case "contains", "includes":
		if strings.Contains(fold(actual), fold(v.Value)) {
			return Verdict{Pass: true}
		}
		return Verdict{Reason: fmt.Sprintf("%q does not contain %q", actual, v.Value)}
	case "notcontains", "doesnotcontain", "excludes":
		if strings.Contains(fold(actual), fold(v.Value)) {
			return Verdict{Reason: fmt.Sprintf("%q contains %q", actual, v.Value)}
		}
		return Verdict{Pass: true}
	case "startswith":
		return boolVerdict(strings.HasPrefix(fold(actual), fold(v.Value)), "%q does not start with %q", actual, v.Value)
	case "endswith":
		return boolVerdict(strings.HasSuffix(fold(actual), fold(v.Value)), "%q does not end with %q", actual, v.Value)
	case "greaterthan", "gt", "morethan", "lessthan", "lt", "fewerthan":
		a, err1 := strconv.ParseFloat(actual, 64)
		b, err2 := strconv.ParseFloat(strings.TrimSpace(v.Value), 64)
		if err1 != nil || err2 != nil {
			return Verdict{Reason: fmt.Sprintf("%q and %q are not both numbers", actual, v.Value)}
		}
		if action == "greaterthan" || action == "gt" || action == "morethan" {
			return boolVerdict(a > b, "%v is not greater than %v", a, b)
		}
		return boolVerdict(a < b, "%v is not less than %v", a, b)
	case "after", "isafter", "laterthan", "before", "isbefore", "earlierthan":
		return dateRule(actual, v.Value, now, action == "after" || action == "isafter" || action == "laterthan")
	case "exists", "present", "notempty", "isnotempty", "provided":
		return Verdict{Pass: true}
	case "isempty", "empty", "missing", "notexists", "absent":
		return Verdict{Reason: fmt.Sprintf("%q is not empty", v.Field)}
	case "matches", "match", "regex", "format", "matchesformat", "isformat", "hasformat", "pattern", "matchespattern", "isvalid", "valid":
		return formatRule(actual, v.Value)
	}
	return Verdict{Reason: fmt.Sprintf("unknown action %q", v.Action)}
}

func boolVerdict(ok bool, format string, args ...any) Verdict {
	if ok {
		return Verdict{Pass: true}
	}
	return Verdict{Reason: fmt.Sprintf(format, args...)}
}

func normKeyPlain(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// fold is text as compared: lower case, runs of spaces as one.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

var templateRef = regexp.MustCompile(`^(?:\{\{\s*|\$\{\s*)([^}]+?)\s*\}\}?$`)

// resolveValue finds what equals compares with; the string is a reason when the
// value names data that is missing.
func resolveValue(v flow.Validation, lookup func(string) (string, bool)) (string, string) {
	val := strings.TrimSpace(v.Value)
	if m := templateRef.FindStringSubmatch(val); m != nil {
		got, ok := lookup(m[1])
		if !ok || got == "" {
			return "", fmt.Sprintf("no %q to compare with", m[1])
		}
		return got, ""
	}
	if _, ok := cutPrefixFold(val, "providedData."); ok {
		got, ok := lookup(val)
		if !ok || got == "" {
			return "", fmt.Sprintf("no %s to compare with", val)
		}
		return got, ""
	}
	low := strings.ToLower(val)
	if val == "" || strings.Contains(low, "on file") || strings.Contains(low, "provided") || strings.Contains(low, "on record") {
		got, ok := lookup("providedData." + v.Field)
		if !ok || got == "" {
			return "", fmt.Sprintf("no providedData.%s on file to compare with", v.Field)
		}
		return got, ""
	}
	return val, ""
}

var phoneish = regexp.MustCompile(`^\+?[\d\s().\-]{7,}$`)

// same compares two values the way a person would: dates as dates, phone
// numbers by digits, text without case or extra spaces.
func same(a, b string) bool {
	if fold(a) == fold(b) {
		return true
	}
	if phoneish.MatchString(a) && phoneish.MatchString(b) {
		return digitsOf(a) == digitsOf(b)
	}
	da, okA := ParseDate(a)
	db, okB := ParseDate(b)
	return okA && okB && da.Equal(db)
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var leadingInt = regexp.MustCompile(`^\s*(\d{1,3})`)

func ageRule(actual, value string, now time.Time, ok func(age, n int) bool, word string) Verdict {
	m := leadingInt.FindStringSubmatch(value)
	if m == nil {
		return Verdict{Reason: fmt.Sprintf("value %q is not an age in years", value)}
	}
	n, _ := strconv.Atoi(m[1])
	var age int
	if years, err := strconv.Atoi(strings.TrimSpace(actual)); err == nil && years >= 0 && years < 200 {
		age = years // the field already holds an age
	} else {
		dob, parsed := ParseDate(actual)
		if !parsed {
			return Verdict{Reason: fmt.Sprintf("%q is not a date of birth", actual)}
		}
		today := now.UTC()
		if dob.After(today) {
			return Verdict{Reason: fmt.Sprintf("date of birth %s is in the future", dob.Format(time.DateOnly))}
		}
		age = Age(dob, today)
	}
	if ok(age, n) {
		return Verdict{Pass: true, Reason: fmt.Sprintf("age %d", age)}
	}
	return Verdict{Reason: fmt.Sprintf("age %d is not %s %d", age, word, n)}
}

func dateRule(actual, value string, now time.Time, after bool) Verdict {
	d, ok := ParseDate(actual)
	if !ok {
		return Verdict{Reason: fmt.Sprintf("%q is not a date", actual)}
	}
	ref, word := now.UTC(), "today"
	ref = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	if v := normKeyPlain(value); v != "today" && v != "now" {
		if ref, ok = ParseDate(value); !ok {
			return Verdict{Reason: fmt.Sprintf("value %q is neither a date nor \"today\"", value)}
		}
		word = ref.Format(time.DateOnly)
	}
	if after {
		return boolVerdict(d.After(ref), "%s is not after %s", d.Format(time.DateOnly), word)
	}
	return boolVerdict(d.Before(ref), "%s is not before %s", d.Format(time.DateOnly), word)
}

// Age is the number of birthdays since dob on the date of now (someone born on
// 29 February turns a year older on 1 March in common years).
func Age(dob, now time.Time) int {
	age := now.Year() - dob.Year()
	if now.Month() < dob.Month() || (now.Month() == dob.Month() && now.Day() < dob.Day()) {
		age--
	}
	return age
}

var (
	numericDate = regexp.MustCompile(`^(\d{1,2})([./\-])(\d{1,2})([./\-])(\d{4})$`)
	dateLayouts = []string{
		time.DateOnly, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006/01/02", "2006.01.02", "20060102",
		"January 2, 2006", "January 2 2006", "Jan 2, 2006", "Jan 2 2006", "2 January 2006", "2 Jan 2006",
		"02-Jan-2006", "2-Jan-2006", "Monday, January 2, 2006",
	}
)

// ParseDate reads a date in the formats documents and people use: ISO
// (2006-01-02, RFC 3339, 2006/01/02, 20060102), month names (January 2, 2006;
// 2 Jan 2006; 02-Jan-2006), and numeric day and month: d.m.yyyy and d-m-yyyy
// are day first; d/m/yyyy is month first (US) unless the first number cannot be
// a month. Impossible dates (30 February) are refused.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if m := numericDate.FindStringSubmatch(s); m != nil && m[2] == m[4] {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		y, _ := strconv.Atoi(m[5])
		day, month := a, b
		if m[2] == "/" && a <= 12 {
			month, day = a, b // US order unless the first number cannot be a month
		} else if m[2] != "/" && a <= 12 && b > 12 {
			month, day = a, b // 04-23-1990: only month first makes sense
		}
		return civil(y, month, day)
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

func civil(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return time.Time{}, false // time.Date normalised an impossible date
	}
	return t, true
}

var namedFormats = map[string]*regexp.Regexp{
	"email":        regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$`),
	"phone":        regexp.MustCompile(`^\+?[0-9][0-9\s().\-]{6,}$`),
	"number":       regexp.MustCompile(`^[+\-]?\d+(\.\d+)?$`),
	"digits":       regexp.MustCompile(`^\d+$`),
	"alpha":        regexp.MustCompile(`^\pL+$`),
	"alphanumeric": regexp.MustCompile(`^[\pL\d]+$`),
	"url":          regexp.MustCompile(`^https?://[^\s/$.?#][^\s]*$`),
	"uuid":         regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`),
}

var formatAliases = map[string]string{
	"emailaddress": "email", "phonenumber": "phone", "tel": "phone", "e164": "phone", "numeric": "number",
	"integer": "digits", "letters": "alpha", "link": "url", "isodate": "date", "dateofbirth": "date",
}

// maxPattern keeps a flow's regular expression to a sane size; RE2 is linear in
// the input, but compiling a huge pattern is not free.
const maxPattern = 1000

func formatRule(actual, value string) Verdict {
	name := normKeyPlain(value)
	if a, ok := formatAliases[name]; ok {
		name = a
	}
	if name == "date" {
		if _, ok := ParseDate(actual); ok {
			return Verdict{Pass: true}
		}
		return Verdict{Reason: fmt.Sprintf("%q is not a date", actual)}
	}
	if re, ok := namedFormats[name]; ok {
		return boolVerdict(re.MatchString(actual), "%q is not a valid %s", actual, name)
	}
	pattern := strings.TrimSpace(value)
	if len(pattern) > maxPattern {
		return Verdict{Reason: fmt.Sprintf("pattern is longer than %d characters", maxPattern)}
	}
	if len(pattern) >= 2 && pattern[0] == '/' {
		if i := strings.LastIndexByte(pattern, '/'); i > 0 {
			flags := pattern[i+1:]
			pattern = pattern[1:i]
			if strings.Contains(flags, "i") {
				pattern = "(?i)" + pattern
			}
		}
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return Verdict{Reason: fmt.Sprintf("value %q is neither a known format nor a valid regular expression: %v", value, err)}
	}
	return boolVerdict(re.MatchString(actual), "%q does not match %s", actual, value)
}
