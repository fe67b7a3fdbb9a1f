package rules

// operationRules are the RL2xx rules, one line each.
var operationRules = []*Rule{RL201, RL202, RL203, RL204, RL205, RL206, RL207, RL208, RL209, RL210, RL211, RL212, RL213}
