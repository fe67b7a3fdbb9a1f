package rules

// providerRules are the RL6xx rules, one line each.
var providerRules = []*Rule{RL601, RL602}
