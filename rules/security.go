package rules

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/role"
)

// sensitive is one operation (or suffix family) a security rule looks for.
type sensitive struct {
	op  string // full operation name, or a "/suffix" in lower case matched at the end of any operation
	why string
}

// reportSensitive reports, for each Actions entry, the sensitive operations
// it still grants after NotActions, in one finding per entry.
func reportSensitive(pass *analysis.Pass, id string, ops []sensitive, risk string) {
	r := For(pass)
	for _, e := range EffectiveOf(pass) {
		type entry struct {
			from role.Str
			ops  []string
			whys []string
		}
		var entries []*entry
		byOff := map[int]*entry{}
		var suffixes []string
		for _, s := range ops {
			if strings.HasPrefix(s.op, "/") {
				suffixes = append(suffixes, s.op) // lower case (TestSensitiveSuffixes)
			}
		}
		var found [][]Grant
		if len(suffixes) > 0 {
			found = e.FindSuffixes(false, suffixes)
		}
		for _, s := range ops {
			var grants []Grant
			if strings.HasPrefix(s.op, "/") {
				grants, found = found[0], found[1:]
			} else if from, ok := e.Grants(s.op, false); ok {
				grants = []Grant{{Op: s.op, From: from}}
			}
			for _, g := range grants {
				en := byOff[g.From.Off]
				if en == nil {
					en = &entry{from: g.From}
					byOff[g.From.Off] = en
					entries = append(entries, en)
				}
				en.ops = append(en.ops, g.Op)
				if len(en.whys) == 0 || en.whys[len(en.whys)-1] != s.why {
					en.whys = append(en.whys, s.why)
				}
			}
		}
		var nots []string
		var rel []analysis.RelatedInformation
		for _, n := range notActionsOf(e.Def) {
			nots = append(nots, n.Value)
			rel = append(rel, r.Related(n.Off, n.End, "NotActions does not remove it"))
		}
		for _, en := range entries {
			list := strings.Join(en.ops, ", ")
			if len(en.ops) > 4 {
				list = strings.Join(en.ops[:3], ", ") + fmt.Sprintf(" and %d more", len(en.ops)-3)
			}
			var msg string
			switch {
			case !strings.Contains(en.from.Value, "*"):
				msg = fmt.Sprintf("role grants %s", list)
			case len(nots) > 0:
				msg = fmt.Sprintf("%q minus only %s still grants %s", en.from.Value, strings.Join(nots, ", "), list)
			default:
				msg = fmt.Sprintf("%q grants %s", en.from.Value, list)
			}
			msg += fmt.Sprintf(" (%s: %s)", risk, strings.Join(en.whys, "; "))
			r.Report(id, en.from.Off, en.from.End, msg, rel...)
		}
	}
}

func notActionsOf(d *role.Definition) []role.Str {
	var out []role.Str
	for i := range d.Permissions {
		out = append(out, d.Permissions[i].NotActions.Items...)
	}
	return out
}
