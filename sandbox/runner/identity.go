package runner

import (
	"maps"
	"slices"
	"strings"
	"unicode"
)

// The sandbox persona: who is in front of the camera when nothing says otherwise.
const (
	personaFirstName = "Alex"
	personaLastName  = "Morgan"
	personaEmail     = "alex.morgan@example.com"
	personaPhone     = "+14155550123"
	personaBirth     = "1990-04-12"
)

type persona struct {
	Name, FirstName, LastName, Email, Phone, DateOfBirth string
}

// persona is the default person, with the inputs' identity on top (a user who
// says they are Jane Doe shows Jane Doe's passport).
func (s *step) persona() persona {
	p := persona{Name: personaFirstName + " " + personaLastName, FirstName: personaFirstName, LastName: personaLastName,
		Email: personaEmail, Phone: personaPhone, DateOfBirth: personaBirth}
	in := s.in.Inputs
	if in.Name != nil && strings.TrimSpace(*in.Name) != "" {
		p.Name = strings.TrimSpace(*in.Name)
		p.FirstName, p.LastName = p.Name, ""
		if i := strings.LastIndexByte(p.Name, ' '); i > 0 {
			p.FirstName, p.LastName = p.Name[:i], p.Name[i+1:]
		}
	}
	if in.Email != nil && *in.Email != "" {
		p.Email = *in.Email
	}
	if in.Phone != nil && *in.Phone != "" {
		p.Phone = *in.Phone
	}
	return p
}

// identity is who the session knows the user to be: collected data, else
// providedData, else the inputs. Never the persona: a face is enrolled, and
// recognition probes, only with facts somebody stated.
type identity struct {
	Name, Email, Phone, Company, JobTitle string
}

func (s *step) identity() identity {
	in := s.in.Inputs
	get := func(key string, input *string) string {
		if v, ok := lookupIn(s.st.Data, key); ok && v != "" {
			return v
		}
		if v, ok := s.provided(key); ok && v != "" {
			return v
		}
		if input != nil {
			return strings.TrimSpace(*input)
		}
		return ""
	}
	return identity{
		Name: get("name", in.Name), Email: get("email", in.Email), Phone: get("phone", in.Phone),
		Company: get("company", in.Company), JobTitle: get("jobTitle", in.JobTitle),
	}
}

func (s *step) provided(key string) (string, bool) { return lookupIn(s.st.ProvidedData, key) }

// lookup finds a field for data_validation: "providedData.x" reads providedData
// only; anything else reads the collected data, then providedData.
func (s *step) lookup(field string) (string, bool) {
	f := strings.TrimSpace(field)
	for _, p := range []string{"providedData.", "provided."} {
		if rest, ok := cutPrefixFold(f, p); ok {
			return s.provided(rest)
		}
	}
	if i := strings.LastIndexByte(f, '.'); i >= 0 {
		f = f[i+1:] // "document.dateOfBirth", "data.email"
	}
	if v, ok := lookupIn(s.st.Data, f); ok {
		return v, true
	}
	return s.provided(f)
}

// aliases map a normalised field name to the canonical one.
var aliases = map[string]string{
	"dob": "dateofbirth", "birthdate": "dateofbirth", "birthday": "dateofbirth", "dateofbirth": "dateofbirth",
	"emailaddress": "email", "mail": "email", "email": "email",
	"phonenumber": "phone", "mobile": "phone", "mobilenumber": "phone", "telephone": "phone", "phone": "phone",
	"fullname": "name", "name": "name",
	"givenname": "firstname", "firstname": "firstname",
	"surname": "lastname", "familyname": "lastname", "lastname": "lastname",
	"documentnumber": "documentnumber", "passportnumber": "documentnumber", "idnumber": "documentnumber",
	"expirydate": "expirationdate", "expirationdate": "expirationdate", "dateofexpiry": "expirationdate",
	"nationality": "country", "country": "country", "issuingcountry": "country",
}

// normKey folds "date_of_birth", "DateOfBirth" and "dob" to one key.
func normKey(k string) string {
	var b strings.Builder
	for _, r := range k {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	n := b.String()
	if a, ok := aliases[n]; ok {
		return a
	}
	return n
}

// lookupIn finds key in m by exact name, then by normalised name; a missing
// "name" is made of firstName and lastName.
func lookupIn(m map[string]string, key string) (string, bool) {
	if len(m) == 0 {
		return "", false
	}
	if v, ok := m[key]; ok {
		return v, true
	}
	want := normKey(key)
	for _, k := range slices.Sorted(maps.Keys(m)) { // sorted: the same answer every time
		if normKey(k) == want {
			return m[k], true
		}
	}
	if want == "name" {
		first, _ := lookupIn(m, "firstName")
		last, _ := lookupIn(m, "lastName")
		if full := strings.TrimSpace(first + " " + last); full != "" {
			return full, true
		}
	}
	return "", false
}
