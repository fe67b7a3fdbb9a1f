package rules

// notActionsRules are the RL4xx rules, one line each.
var notActionsRules = []*Rule{RL401, RL402, RL403, RL404}
