package flowbuild

import (
	"slices"
	"strings"
)

// Structured input. Developers often paste structure instead of prose: a
// markdown table from a spec, a checklist with ticked and unticked boxes,
// YAML or JSON of their own, "key: old -> new", "age < 18". unstructure is the
// first stage of the pipeline: it rewrites each of these shapes into the lines
// of prose the clause reader already takes, one line per row or item, so that
// a table row, a checklist item or a key and its value maps onto steps,
// conditions and settings by the same rules as a sentence would:
//
//   - a table's header names what each column holds (lexicon:
//     tableColumnHeads): a numbering column is dropped, a condition column
//     makes the row "if <condition>, <action>" ("otherwise" for the rest), a
//     failure column says what a failed step does, a note column is a remark
//     of the row, said on its own when the row names no step;
//   - a checklist's ticked items are the list; when some are ticked, an
//     unticked one is left out ("- [ ] OTP" reads "no OTP"), and the result
//     says so;
//   - "key: true" names the key as a step, "key: skip" / "none" / "false"
//     rules it out; a key holding settings ("sms: {digits: 8}", or a YAML
//     block of setting keys under it) becomes the step with its arguments,
//     "sms(digits=8)", which the tokenizer reads as pseudo-code;
//   - code fences are dropped, a YAML comment is a remark of its line;
//   - a comparison operator before a number is its word ("age < 18" reads
//     "age under 18"), and a value changed "6 -> 4" is the new value.
//
// Text with none of these shapes comes back unchanged.

// namesNothing: the words name no step and rule none out.
func namesNothing(text string) bool {
	a := analyze(tokenize(text), nil)
	return len(a.steps) == 0 && a.neg == 0
}

// unstructure rewrites structured input into prose lines, and says back what
// it read as a judgement call (unticked items left out).
func unstructure(text string) (string, []string) {
	if !strings.ContainsAny(text, "|[`{:<>≤≥→") {
		return text, nil
	}
	lines := strings.Split(text, "\n")
	var notes []string
	lines = dropFences(lines)
	lines, notes = readTables(lines)
	lines, checkNotes := readChecklist(lines)
	notes = append(notes, checkNotes...)
	lines = readSettingBlocks(lines)
	for i, l := range lines {
		lines[i] = readKeyValue(l)
	}
	out := strings.Join(lines, "\n")
	out = settingObjects(out)
	out = comparisons(out)
	out = changedValues(out)
	return out, notes
}

// dropFences drops the lines of a code fence ("```json", "```"): the block
// between them is read as any other text.
func dropFences(lines []string) []string {
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			lines[i] = ""
		}
	}
	return lines
}

// tableCells splits a table line into its cells, or reports that it is no
// table line: one that opens with a pipe and holds another.
func tableCells(l string) ([]string, bool) {
	t := strings.TrimSpace(l)
	if !strings.HasPrefix(t, "|") || strings.Count(t, "|") < 2 {
		return nil, false
	}
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimSuffix(t, "|")
	cells := strings.Split(t, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells, true
}

// separatorRow: every cell is dashes ("|---|:--:|"), the line under a header.
func separatorRow(cells []string) bool {
	for _, c := range cells {
		c = strings.Trim(c, ":")
		if len(c) < 2 || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return len(cells) > 0
}

// column roles of a table
const (
	colContent = iota
	colOrdinal
	colCondition
	colFailure
	colNote
	colToggle
)

// readTables rewrites each markdown table (two or more lines that open with a
// pipe) into one line a row.
func readTables(lines []string) ([]string, []string) {
	out := make([]string, 0, len(lines))
	var notes []string
	for i := 0; i < len(lines); {
		j := i
		var rows [][]string
		for j < len(lines) {
			cells, ok := tableCells(lines[j])
			if !ok {
				break
			}
			rows = append(rows, cells)
			j++
		}
		if len(rows) < 2 {
			out = append(out, lines[i])
			i++
			continue
		}
		out = append(out, tableLines(rows)...)
		notes = append(notes, unknownColumns(rows)...)
		i = j
	}
	return out, notes
}

// unknownColumns says back a header cell over a column whose cells name no
// step when the lexicon gives it no role ("| Amount | Checks |" with "< $1k",
// "> $10k" under "Amount"): its cells are read as plain words, and what the
// column meant (tiers, outcomes) may not be in the flow.
func unknownColumns(rows [][]string) []string {
	if len(rows) < 3 || !separatorRow(rows[1]) {
		return nil
	}
	var cols []string
	for c, h := range rows[0] {
		k := headKey(h)
		if _, known := lex.tableHead[k]; known || k == "" || lex.contentHead[k] {
			continue
		}
		names := false
		for _, r := range rows[2:] {
			if c < len(r) && len(analyze(tokenize(r[c]), nil).steps) > 0 {
				names = true
			}
		}
		if !names {
			cols = append(cols, "\""+strings.TrimSpace(h)+"\"")
		}
	}
	if len(cols) == 0 {
		return nil
	}
	return []string{"The table's column " + strings.Join(cols, ", ") + " is no step, condition or setting the builder reads: its cells were read as plain words, so check the flow does what the column says."}
}

// tableLines reads one table's rows. The row above a separator row is the
// header, which names the columns' roles; a table without one has none, and a
// column of numbers only is its numbering.
func tableLines(rows [][]string) []string {
	var header []string
	var body [][]string
	for i, r := range rows {
		switch {
		case separatorRow(r):
			if i == 1 {
				header = rows[0]
				body = body[:0]
			}
		default:
			body = append(body, r)
		}
	}
	if len(body) == 0 {
		// a header with no rows under it is all the table says: its cells
		return []string{strings.Join(header, ", ")}
	}
	width := 0
	for _, r := range body {
		width = max(width, len(r))
	}
	roles := make([]int, width)
	for c := range roles {
		if c < len(header) {
			roles[c] = lex.tableHead[headKey(header[c])]
		}
		if roles[c] == colContent && numbersOnly(body, c) {
			roles[c] = colOrdinal // "| 1 | liveness |", "| step | what |" with 1, 2, 3 under "step"
		}
	}
	// a failure column that says the same for every row is one policy for
	// the flow ("| on failure |" with "end" on each row), said once after it
	fail, same := "", true
	for _, r := range body {
		for c, cell := range r {
			if roles[c] == colFailure && !blankCell(cell) {
				if fail != "" && !strings.EqualFold(fail, cell) {
					same = false
				}
				if fail == "" {
					fail = cell
				}
			}
		}
	}
	var out []string
	for _, r := range body {
		var parts []string
		cond, note, failed, toggle := "", "", "", ""
		for c, cell := range r {
			switch {
			case roles[c] == colCondition:
				cond = cell
			case roles[c] == colToggle:
				// "| Check | Required |" with "no", "❌": whether the row's
				// step is wanted
				v := strings.ToLower(strings.Join(strings.Fields(strings.Trim(cell, " .!")), " "))
				switch {
				case lex.valueOff[v] || lex.crossMark[v]:
					toggle = "off"
				case blankCell(cell) || lex.valueOn[v] || lex.tickMark[v] || lex.checkMark[v]:
				default:
					note = cell
				}
			case blankCell(cell) || roles[c] == colOrdinal:
			case roles[c] == colNote:
				note = cell
			case roles[c] == colFailure:
				failed = cell
			default:
				parts = append(parts, cell)
			}
		}
		noteKey := strings.ToLower(strings.Join(strings.Fields(strings.Trim(note, " .!")), " "))
		switch {
		case toggle == "off" && len(parts) > 0 || lex.valueOff[noteKey] && len(parts) > 0:
			// "| SMS OTP | not required |", "| email otp | ❌ |" under
			// "Enabled": the row rules its step out, as "SMS OTP: not
			// required" does
			parts[0] = "no " + parts[0]
		case note != "" && cond == "" && lex.condOpen[firstWord(strings.TrimPrefix(noteKey, "only "))]:
			// "| SMS code | only if recognition fails |": the note is the
			// row's condition, not a remark after its step
			cond = strings.TrimPrefix(strings.TrimSpace(note), "only ")
			cond = strings.TrimPrefix(cond, "Only ")
		case note != "":
			parts = append(parts, note)
		}
		if failed != "" && !same {
			parts = append(parts, "if it fails, "+failed)
		}
		line := strings.Join(parts, ", ")
		if line == "" {
			continue
		}
		if cond == "" && len(parts) > 1 && namesNothing(line) {
			// "| deepfakeDetected | end session |": a row that names no step is
			// kept as its cells, so that what no step meets is said back
			// ("No step matches …") rather than read as a remark
			line = strings.Join(parts, " | ")
		}
		switch c := strings.ToLower(strings.TrimSpace(cond)); {
		case cond == "":
		case blankCell(cond) || lex.otherwiseCell[strings.Trim(c, ".:")]:
			line = "otherwise, " + line
		case lex.condOpen[firstWord(c)]:
			line = cond + ", " + line
		default:
			line = "if " + cond + ", " + line
		}
		out = append(out, line)
	}
	if fail != "" && same {
		out = append(out, "if any step fails, "+fail)
	}
	return out
}

// headKey is a header cell as the lexicon lists it: lower case, single spaces.
func headKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.Trim(s, " *_:?"))), " ")
}

// blankCell: a cell that says nothing ("", "-", "n/a").
func blankCell(s string) bool { return lex.blankCell[strings.ToLower(strings.TrimSpace(s))] }

// numbersOnly: every cell of column c is a number ("1", "2.", "#3").
func numbersOnly(body [][]string, c int) bool {
	seen := false
	for _, r := range body {
		if c >= len(r) {
			continue
		}
		v := strings.Trim(r[c], "#.) ")
		if v == "" {
			continue
		}
		for _, ch := range v {
			if ch < '0' || ch > '9' {
				return false
			}
		}
		seen = true
	}
	return seen
}

// checkBox reads a checklist item ("- [x] liveness", "[ ] OTP", "* [X] scan"):
// the text before the box, whether it is ticked, and the item.
func checkBox(l string) (lead string, ticked bool, item string, ok bool) {
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	if i < len(l) && strings.IndexByte("-*+", l[i]) >= 0 {
		i++
	} else if j := i; isDigitAt(l, j) {
		// "3. [ ] email code": a numbered item
		for isDigitAt(l, j) {
			j++
		}
		if j < len(l) && (l[j] == '.' || l[j] == ')') {
			i = j + 1
		}
	}
	for i < len(l) && l[i] == ' ' {
		i++
	}
	if i >= len(l) || l[i] != '[' {
		return "", false, "", false
	}
	end := strings.IndexByte(l[i:], ']')
	if end < 0 || end > 4 {
		return "", false, "", false
	}
	mark := strings.TrimSpace(l[i+1 : i+end])
	switch {
	case mark == "" || lex.crossMark[mark]: // ("[✗] SMS code": crossed out, not ticked)
	case lex.tickMark[strings.ToLower(mark)]:
		ticked = true
	default:
		return "", false, "", false
	}
	return l[:i], ticked, strings.TrimSpace(l[i+end+1:]), true
}

// readChecklist: a checklist's items are its lines. Where at least one box is
// ticked, the list chooses: an unticked item is left out, written as a
// negation the clause reader takes ("no document scan"), and the note says
// which; an unticked item that itself excludes ("[ ] skip the document") is
// dropped, never read as a request. A list whose boxes are all empty is a to-do list of what to build:
// every item stays.
func readChecklist(lines []string) ([]string, []string) {
	// each list chooses on its own: a list is a run of checklist lines (blank
	// lines between them allowed), and it chooses only when one of its ticked
	// items names a step; ticks on "[x] API keys set up" are progress, and the
	// empty boxes of that list or of a "Still to do:" list below are still to do
	choosing := make([]bool, len(lines))
	for i := 0; i < len(lines); {
		if _, _, _, ok := checkBox(lines[i]); !ok {
			i++
			continue
		}
		j, chooses := i, false
		for ; j < len(lines); j++ {
			_, ticked, item, ok := checkBox(lines[j])
			if !ok {
				if strings.TrimSpace(lines[j]) == "" {
					continue
				}
				break
			}
			if ticked && !chooses && len(analyze(tokenize(item), nil).steps) > 0 {
				chooses = true
			}
		}
		for k := i; k < j; k++ {
			choosing[k] = chooses
		}
		i = j
	}
	var left []string
	for i, l := range lines {
		lead, ticked, item, ok := checkBox(l)
		if !ok {
			continue
		}
		if strings.TrimSpace(lead) == "" {
			lead += "- "
		}
		low := strings.ToLower(item)
		if ticked || !choosing[i] || item == "" {
			lines[i] = lead + item
			continue
		}
		if lex.uncheckLead[strings.Trim(firstWord(low), "'’")] || strings.HasPrefix(low, "do not ") || lex.condOpen[firstWord(low)] {
			// "[ ] skip the document scan": an unticked exclusion excludes
			// nothing, and an unticked rule ("[ ] if the ID scan fails, send
			// an SMS code") applies nothing: the item is dropped, not turned
			// round into a request or a "no if …", and the note names it
			lines[i] = ""
		} else {
			lines[i] = lead + "no " + item
		}
		left = append(left, strings.TrimSpace(item))
	}
	if len(left) == 0 {
		return lines, nil
	}
	return lines, []string{"Unticked items of the checklist are not applied: \"" + strings.Join(left, "\", \"") + "\"; tick them if the flow should follow them."}
}

// keyValueLine splits "  - key: value  # comment" into its parts. The key is
// a name of up to three words (letters, digits, "_", "-", quotes around it).
func keyValueLine(l string) (lead, key, value, comment string, ok bool) {
	body := l
	if h := strings.Index(body, " #"); h >= 0 && (h+2 == len(body) || body[h+2] == ' ') {
		body, comment = body[:h], strings.TrimSpace(body[h+2:])
	}
	i := 0
	for i < len(body) && (body[i] == ' ' || body[i] == '\t') {
		i++
	}
	if strings.HasPrefix(body[i:], "+ ") {
		i += 2 // (a YAML-ish "+" item; no bullet of a sentence, so not in bulletMarks)
	} else {
		i += bulletLen(body[i:]) // ("- sms code: gone", "• sms code: gone")
	}
	lead = body[:i]
	rest := body[i:]
	c := strings.IndexAny(rest, ":=")
	if c <= 0 {
		return "", "", "", "", false
	}
	if rest[c] == ':' && isDigitAt(rest, c-1) && c+1 < len(rest) && isWordByte(rest[c+1]) {
		// "face recognition 1:N", "ratio 1:1": a colon between a number and a
		// word or number with no space is a ratio, no key and its value
		return "", "", "", "", false
	}
	key = strings.Trim(strings.TrimSpace(rest[:c]), "\"'")
	value = strings.Trim(strings.TrimSpace(strings.TrimRight(rest[c+1:], " ,;")), "\"'")
	if key == "" || len(strings.Fields(key)) > 3 {
		return "", "", "", "", false
	}
	for _, ch := range key {
		if !(ch == ' ' || ch == '_' || ch == '-' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
			return "", "", "", "", false
		}
	}
	return lead, key, value, comment, true
}

// readKeyValue: "liveness: true" names the step, "document: skip" or "otp:
// none" rules it out, when the key names a step; a YAML comment after it is a remark of the line
// ("liveness: true  # after the face scan" reads "liveness, after the face
// scan"). A line whose value is anything else is left as written.
func readKeyValue(l string) string {
	lead, key, value, comment, ok := keyValueLine(l)
	if !ok {
		return l
	}
	v := strings.ToLower(strings.Join(strings.Fields(value), " "))
	if (lex.valueOff[v] || v == "0") && retryKey(key) {
		// "liveness_retry: off", "sms retries: 0": no second try, which the
		// clause reader takes from "no liveness retry" (the step stays)
		return lead + "no " + strings.NewReplacer("_", " ", "-", " ").Replace(key)
	}
	if !lex.valueOn[v] && !lex.valueOff[v] || keyHoldsSetting(key) || len(analyze(tokenize(strings.ReplaceAll(key, "_", " ")), nil).steps) == 0 {
		// (a key that names no step is left as written: "Amy: nope" in a chat
		// is a speaker's answer, "mic: off" a setting the settings read; a key
		// that names a step and one of its settings, "email code expiry:
		// never", "liveness retry: no", is about the setting, never the step)
		return l
	}
	out := lead + key
	if lex.valueOff[v] {
		out = lead + "no " + key
	}
	if comment != "" {
		out += ", " + comment
	}
	return out
}

// retryKey: a word of the key is a retry ("liveness_retry", "OTP retries").
func retryKey(key string) bool {
	return slices.ContainsFunc(strings.FieldsFunc(strings.ToLower(key), func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), func(w string) bool {
		return lex.retryWord[w] && w != "again"
	})
}

// keyHoldsSetting: a word of the key names a setting or an attribute of a
// step ("OTP resend", "ID expiry check", "disable SMS"), so the key is not
// the step's name alone and its value is no verdict on the step.
func keyHoldsSetting(key string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(key), func(r rune) bool { return r == ' ' || r == '_' || r == '-' }) {
		if lex.keySettingWord[w] || settingKeyName(w) {
			return true
		}
	}
	return false
}

// settingKeyName: a key that names a setting of a step ("digits", "otpLength",
// "expiry").
func settingKeyName(k string) bool {
	k = strings.ToLower(strings.NewReplacer("_", "", "-", "", " ", "", "\"", "", "'", "").Replace(k))
	return lex.settingKey[k] != ""
}

// readSettingBlocks: a YAML key with nothing after its colon, whose indented
// lines under it are all settings ("sms:\n  digits: 8\n  expiry: 10min"), is
// that step with its settings, written as pseudo-code's call ("sms(digits=8,
// expiry=10min)").
func readSettingBlocks(lines []string) []string {
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		lead, key, value, _, ok := keyValueLine(lines[i])
		if !ok || value != "" || !strings.HasSuffix(strings.TrimSpace(lines[i]), ":") {
			out = append(out, lines[i])
			continue
		}
		indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " \t"))
		var args []string
		j := i + 1
		for ; j < len(lines); j++ {
			l := lines[j]
			if len(l)-len(strings.TrimLeft(l, " \t")) <= indent || strings.TrimSpace(l) == "" {
				break
			}
			_, k, v, _, ok := keyValueLine(l)
			if !ok || v == "" || !settingKeyName(k) {
				args = nil
				break
			}
			args = append(args, k+"="+v)
		}
		name := ""
		if len(args) > 0 {
			name = callName(key, args) // (callName analyses the key: only for a block that holds settings)
		}
		if name == "" {
			out = append(out, lines[i])
			continue
		}
		out = append(out, lead+name+"("+strings.Join(args, ", ")+")")
		i = j - 1
	}
	return out
}

// callName joins a key's words so that the call's bracket follows a word. A
// channel alone ("sms", "email") holding a code's settings is that channel's
// code: "email: {digits: 6}" sets the email code, it collects no address.
// Only a key that names a step holds its settings: under any other key
// ("Notes:", "x:", "limits") the settings are left as written, "" (a code's
// settings under "liveness:" set no code the text never asked for).
func callName(key string, args []string) string {
	name := strings.Join(strings.Fields(key), "_")
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '_' || r == '-' })
	channel := len(words) > 0
	for _, w := range words {
		l, _ := lex.lemma(w)
		if l == "code" {
			return name
		}
		channel = channel && channelLemmas[l]
	}
	if channel {
		for _, a := range args {
			k, _, _ := strings.Cut(a, "=")
			k = strings.ToLower(strings.NewReplacer("_", "", "-", "", " ", "").Replace(k))
			if s := lex.settingKey[k]; s == "length" || s == "expiry" || s == "attempts" {
				return name + " code"
			}
		}
	}
	if len(analyze(tokenize(strings.Join(words, " ")), nil).steps) == 0 {
		return ""
	}
	return name
}

// settingObjects: a key whose value is an object of settings ("sms": {"digits":
// 8, "expiry": "10min"}) is the step with its arguments, "sms(digits=8,
// expiry=10min)". An object holding anything but settings is left as written.
func settingObjects(text string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		end := strings.IndexAny(text[open+1:], "{}")
		if end < 0 || text[open+1+end] != '}' {
			b.WriteString(text[:open+1])
			text = text[open+1:]
			continue
		}
		inner := text[open+1 : open+1+end]
		// the key before the object: `"sms": {` or `sms: {`
		k := strings.TrimRight(text[:open], " \t")
		if !strings.HasSuffix(k, ":") {
			b.WriteString(text[:open+1])
			text = text[open+1:]
			continue
		}
		k = strings.TrimRight(strings.TrimSuffix(k, ":"), " \t")
		k = strings.TrimSuffix(k, "\"")
		ks := strings.LastIndexFunc(k, func(r rune) bool {
			return !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		})
		name := k[ks+1:]
		args, ok := settingArgs(inner)
		if ok {
			name = callName(name, args)
		}
		if !ok || name == "" {
			b.WriteString(text[:open+1])
			text = text[open+1:]
			continue
		}
		head := k[:ks+1]
		head = strings.TrimSuffix(head, "\"")
		b.WriteString(head + name + "(" + strings.Join(args, ", ") + ")")
		text = text[open+1+end+1:]
	}
	b.WriteString(text)
	return b.String()
}

// settingArgs reads an object's "key: value" pairs as call arguments, when
// every key names a setting.
func settingArgs(inner string) ([]string, bool) {
	var args []string
	for _, pair := range strings.Split(inner, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		k, v, ok := strings.Cut(pair, ":")
		k = strings.Trim(strings.TrimSpace(k), "\"'")
		v = strings.Trim(strings.TrimSpace(v), "\"'")
		if !ok || v == "" || !settingKeyName(k) {
			return nil, false
		}
		args = append(args, k+"="+v)
	}
	return args, len(args) > 0
}

// comparisons spells out a comparison before a number: "age < 18" is "age
// under 18", ">= 21" "at least 21", "amount > $10k" "amount over $10k". An
// arrow ("->", "=>") is no comparison.
func comparisons(text string) string {
	if !strings.ContainsAny(text, "<>≤≥") {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); {
		op, width := "", 0
		switch {
		case strings.HasPrefix(text[i:], ">="), strings.HasPrefix(text[i:], "≥"):
			op, width = "at least", 2
			if text[i] != '>' {
				width = len("≥")
			}
		case strings.HasPrefix(text[i:], "<="), strings.HasPrefix(text[i:], "≤"):
			op, width = "at most", 2
			if text[i] != '<' {
				width = len("≤")
			}
		case text[i] == '>' && (i == 0 || text[i-1] != '-' && text[i-1] != '='):
			op, width = "over", 1
		case text[i] == '<' && !(i+1 < len(text) && text[i+1] == '-'):
			op, width = "under", 1
		}
		if op == "" || !numberAfter(text, i+width) {
			b.WriteByte(text[i])
			i++
			continue
		}
		if i > 0 && text[i-1] != ' ' {
			b.WriteByte(' ')
		}
		b.WriteString(op)
		if i+width < len(text) && text[i+width] != ' ' {
			b.WriteByte(' ')
		}
		i += width
	}
	return b.String()
}

// numberAfter: after spaces, text from i holds a number, perhaps with a currency sign.
func numberAfter(text string, i int) bool {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	for _, c := range []string{"$", "€", "£"} {
		if strings.HasPrefix(text[i:], c) {
			i += len(c)
			break
		}
	}
	return isDigitAt(text, i)
}

// mappedRange: the number at r, after an arrow, is followed (past its unit)
// by a colon or a word that qualifies it ("18 -> 21 for US users", "1000 ->
// 10000: liveness"): the arrow maps a group to a value or spans a range, it
// changes no value, and the text is left as written.
func mappedRange(text string, r int) bool {
	i := r
	for i < len(text) && (isDigitAt(text, i) || text[i] == '.' || text[i] == ',' || text[i] == 'k' || text[i] == 'K') {
		i++
	}
	word := func() string {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		j := i
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		w := strings.ToLower(text[i:j])
		i = j
		return w
	}
	w := word()
	if l, _ := lex.lemma(w); lex.unit[l] {
		w = word()
	}
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if i < len(text) && text[i] == ':' {
		return true
	}
	if w == "for" {
		// "otpLength: 6 -> 4 for the email code": "for" a step says whose
		// value changes; "for US users" maps a group to the value
		end := strings.IndexAny(text[i:], ".;\n")
		if end < 0 {
			end = len(text) - i
		}
		return len(analyze(tokenize(text[i:i+end]), nil).steps) == 0
	}
	return lex.rangeQualifier[w]
}

// changedValues: "otpLength: 6 -> 4", "expiry 5 → 10 min": a value changed from
// one number to another is the new one. An arrow between steps is untouched.
func changedValues(text string) string {
	for _, arrow := range []string{"->", "→", "=>"} {
		for from := 0; ; {
			a := strings.Index(text[from:], arrow)
			if a < 0 {
				break
			}
			a += from
			l := strings.TrimRight(text[:a], " ")
			s := len(l)
			for s > 0 && (l[s-1] >= '0' && l[s-1] <= '9' || l[s-1] == '.') {
				s--
			}
			r := a + len(arrow)
			for r < len(text) && text[r] == ' ' {
				r++
			}
			if s == len(l) || !isDigitAt(text, r) || s > 0 && isWordByte(l[s-1]) || mappedRange(text, r) {
				from = a + len(arrow)
				continue
			}
			text = l[:s] + text[r:]
			from = s
		}
	}
	return text
}
