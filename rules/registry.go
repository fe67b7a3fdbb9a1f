package rules

// registry lists every rule, one line each. IDs are never reused.
var registry = []*Rule{
	Internal,
	RL100, RL101, RL102, RL103, RL104, RL105, RL106, RL107, RL108, RL109, RL110, RL111, RL112, RL113,
}

func init() {
	for _, r := range registry {
		if byID[r.ID] != nil {
			panic("rules: duplicate rule ID " + r.ID)
		}
		byID[r.ID] = r
	}
}
