package rules

// securityRules are the RL5xx rules, one line each.
var securityRules = []*Rule{RL501, RL502, RL503, RL504, RL505, RL506}
