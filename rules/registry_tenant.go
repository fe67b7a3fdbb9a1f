package rules

// tenantRules are the RL7xx rules, one line each.
var tenantRules = []*Rule{RL701, RL702, RL703, RL704, RL705}
