// Package ecosystem holds no code, only tests: they check rolelint's ways in
// other than the command line, as users meet them.
//
//   - TestActionlint runs actionlint (with ShellCheck) on every workflow in
//     .github/workflows, ShellCheck on the run scripts of action.yml, and
//     checks action.yml's inputs and outputs; TestActionScripts runs those
//     scripts as the runner would.
//   - TestPreCommit installs this repository's .pre-commit-hooks.yaml, as
//     the work tree holds it now, into a throwaway repository and checks
//     that a commit of a broken role is blocked and a good one passes.
//
// The tools come from PATH or from .tools/bin (scripts/install-test-tools).
// A missing tool skips the test, or fails it when ROLELINT_REQUIRE_TOOLS=1
// (as scripts/test sets).
package ecosystem
