package rules

// scopeRules are the RL3xx rules, one line each.
var scopeRules = []*Rule{RL301, RL302, RL303, RL304, RL305, RL306, RL307, RL308, RL309, RL310, RL311}
