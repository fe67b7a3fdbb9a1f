package rules_test

import "github.com/rolelint/rolelint/lint"

func testOptions() lint.Options { return lint.Options{} }
