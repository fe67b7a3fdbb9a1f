package rules

// registry lists every rule. Each family keeps its own list in its
// registry_*.go file, one line per rule. IDs are never reused.
var registry = concat(
	[]*Rule{Internal, UnusedSuppression},
	structureRules,
	operationRules,
	scopeRules,
	notActionsRules,
	securityRules,
	providerRules,
	tenantRules,
)

var structureRules = []*Rule{RL100, RL101, RL102, RL103, RL104, RL105, RL106, RL107, RL108, RL109, RL110, RL111, RL112, RL113, RL114}

func concat(lists ...[]*Rule) []*Rule {
	var out []*Rule
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func init() {
	for _, r := range registry {
		if byID[r.ID] != nil {
			panic("rules: duplicate rule ID " + r.ID)
		}
		byID[r.ID] = r
	}
}
