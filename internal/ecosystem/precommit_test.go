package ecosystem

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPreCommit uses this repository's .pre-commit-hooks.yaml, at the state
// of the work tree, from a throwaway repository, as a user would: both hooks
// (rolelint, built by pre-commit with the Go on PATH, and rolelint-system,
// with a freshly built rolelint on PATH) must block the commit of a broken
// role with rolelint's message, and let a good role and a non-role JSON file
// through.
func TestPreCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: pre-commit builds rolelint")
	}
	preCommit := tool(t, "pre-commit")
	if _, err := exec.LookPath("git"); err != nil {
		missing(t, "git not found on PATH")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		missing(t, "go not found on PATH")
	}
	dir := rootDir(t)
	if _, err := os.Stat(filepath.Join(dir, ".pre-commit-hooks.yaml")); err != nil {
		t.Fatal(err)
	}
	bin := rolelintBinary(t) // for rolelint-system

	tmp := t.TempDir()
	gitConfig := filepath.Join(tmp, "gitconfig")
	writeFile(t, gitConfig, "[user]\n\tname = rolelint test\n\temail = test@rolelint.invalid\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n")
	gomodcache := strings.TrimSpace(run(t, dir, cleanEnv(), goBin, "env", "GOMODCACHE"))
	env := cleanEnv(
		// The throwaway repositories ignore the user's git config.
		"GIT_CONFIG_GLOBAL="+gitConfig, "GIT_CONFIG_NOSYSTEM=1",
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit-home"),
		// pre-commit sets GOPATH to its own folder; keep the module cache.
		"GOMODCACHE="+gomodcache,
		"GOTOOLCHAIN=local",
		"PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+filepath.Dir(goBin)+string(os.PathListSeparator)+os.Getenv("PATH"),
	)

	// The hook repository: a snapshot of the work tree (tracked files and
	// untracked ones that are not ignored), committed.
	start := time.Now()
	hooks := filepath.Join(tmp, "hooks")
	files := run(t, dir, cleanEnv(), "git", "ls-files", "-z", "-c", "-o", "--exclude-standard")
	n := 0
	for _, f := range strings.Split(files, "\x00") {
		if f != "" && copyTracked(t, filepath.Join(dir, f), filepath.Join(hooks, f)) {
			n++
		}
	}
	run(t, hooks, env, "git", "init", "-q")
	run(t, hooks, env, "git", "add", "-A")
	run(t, hooks, env, "git", "commit", "-q", "--no-verify", "-m", "snapshot of the work tree")
	rev := strings.TrimSpace(run(t, hooks, env, "git", "rev-parse", "HEAD"))
	t.Logf("hook repository: %d files at %s (%v)", n, rev[:12], time.Since(start).Round(time.Millisecond))

	// The consumer repository.
	repo := filepath.Join(tmp, "repo")
	run(t, tmp, env, "git", "init", "-q", repo)
	writeFile(t, filepath.Join(repo, ".pre-commit-config.yaml"), fmt.Sprintf(`repos:
  - repo: %s
    rev: %s
    hooks:
      - id: rolelint
      - id: rolelint-system
`, hooks, rev))
	writeFile(t, filepath.Join(repo, "README.md"), "roles\n")
	run(t, repo, env, "git", "add", ".pre-commit-config.yaml", "README.md")
	start = time.Now()
	run(t, repo, env, preCommit, "install", "--install-hooks")
	t.Logf("pre-commit install --install-hooks (builds the golang hook): %v", time.Since(start).Round(time.Millisecond))
	run(t, repo, env, "git", "commit", "-q", "-m", "pre-commit config")
	base := strings.TrimSpace(run(t, repo, env, "git", "rev-parse", "HEAD"))

	// A broken role: the commit is blocked by both hooks.
	examples := filepath.Join(dir, "testdata", "examples")
	copyFile(t, filepath.Join(examples, "cli-many-defects.json"), filepath.Join(repo, "roles", "storage-helper.json"))
	run(t, repo, env, "git", "add", "roles/storage-helper.json")
	start = time.Now()
	out, err := runErr(repo, env, "git", "commit", "-m", "add a broken role")
	t.Logf("git commit of a broken role (%v, %v):\n%s", time.Since(start).Round(time.Millisecond), err, out)
	if err == nil {
		t.Fatal("git commit of a broken role was not blocked")
	}
	if head := strings.TrimSpace(run(t, repo, env, "git", "rev-parse", "HEAD")); head != base {
		t.Fatalf("git commit failed but HEAD moved to %s", head)
	}
	for _, id := range []string{"rolelint", "rolelint-system"} {
		if !strings.Contains(out, "- hook id: "+id+"\n") {
			t.Errorf("hook %s did not fail the commit", id)
		}
	}
	for _, want := range []string{
		`roles/storage-helper.json:8:5: unknown operation "Microsoft.Storage/storageAcounts/listKeys/action"`,
		"[RL205]",
		"storageAcounts",
	} {
		if c := strings.Count(out, want); c < 2 { // once per hook
			t.Errorf("the blocked commit's output holds %q %d times, want it from both hooks", want, c)
		}
	}

	// A good role and a JSON file that is no role: the commit passes.
	run(t, repo, env, "git", "rm", "-q", "--cached", "roles/storage-helper.json")
	if err := os.Remove(filepath.Join(repo, "roles", "storage-helper.json")); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(examples, "cli-vm-operator.json"), filepath.Join(repo, "roles", "vm-operator.json"))
	writeFile(t, filepath.Join(repo, "package.json"), `{"name": "tools", "private": true}`+"\n")
	run(t, repo, env, "git", "add", "roles/vm-operator.json", "package.json")
	start = time.Now()
	out, err = runErr(repo, env, "git", "commit", "-m", "add a good role")
	t.Logf("git commit of a good role (%v, %v):\n%s", time.Since(start).Round(time.Millisecond), err, out)
	if err != nil {
		t.Fatalf("git commit of a good role was blocked: %v", err)
	}
	if c := strings.Count(out, "Passed"); c != 2 {
		t.Errorf("want both hooks to run and pass, got %d Passed", c)
	}
	if strings.Contains(out, "Skipped") {
		t.Errorf("a hook was skipped on staged JSON files")
	}
	if log := run(t, repo, env, "git", "log", "--format=%s"); !strings.HasPrefix(log, "add a good role\n") {
		t.Errorf("git log after the good commit:\n%s", log)
	}
}

// copyTracked copies a file listed by git ls-files (symbolic links as links)
// and reports whether it exists: a tracked file may be deleted in the work
// tree.
func copyTracked(t *testing.T, from, to string) bool {
	t.Helper()
	fi, err := os.Lstat(from)
	if os.IsNotExist(err) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	switch {
	case fi.Mode()&os.ModeSymlink != 0:
		target, err := os.Readlink(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, to); err != nil {
			t.Fatal(err)
		}
	case fi.Mode().IsRegular():
		raw, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, raw, fi.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	default:
		return false
	}
	return true
}
