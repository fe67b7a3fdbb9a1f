package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
)

const goodRole = `{"Name":"Good Role","Description":"Reads virtual machines.","Actions":["Microsoft.Compute/virtualMachines/read"],"AssignableScopes":["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]}`

// runBounded runs rolelint with a timeout and returns its output, exit code
// and peak RSS in MB.
func runBounded(t *testing.T, dir string, args ...string) (string, int, int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"--no-config", "-q"}, args...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("rolelint %v hung", args)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss >> 10
	}
	return out.String(), code, rss
}

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// TestBadInput is the bad-input matrix: each broken file gets one clear
// message at its location and the exit code, and the good role next to it
// is still linted.
func TestBadInput(t *testing.T) {
	bigRoles := func() []byte {
		var b bytes.Buffer
		b.WriteString("[")
		for i := 0; b.Len() < 50<<20; i++ {
			if i > 0 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, `{"roleName":"Role %07d","roleType":"CustomRole","description":"d","assignableScopes":["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"],"permissions":[{"actions":["Microsoft.Compute/virtualMachines/read","Microsoft.Compute/virtualMachines/start/action"]}]}`, i)
		}
		b.WriteString("]")
		return b.Bytes()
	}
	cases := []struct {
		name string
		data []byte                       // file content; nil means made by setup
		set  func(t *testing.T, p string) // makes the file at p instead
		want string                       // the exact finding line
		code int
	}{
		{name: "empty.json", data: []byte{}, want: "empty.json:1:1: invalid JSON: file is empty: expected a JSON object or array [RL101]", code: 1},
		{name: "whitespace.json", data: []byte(" \n\t \r\n"), want: "whitespace.json:1:1: invalid JSON: file is empty: expected a JSON object or array [RL101]", code: 1},
		{name: "garbage.json", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), want: "garbage.json:1:1: invalid JSON: unexpected non-ASCII byte: expected a JSON value [RL101]", code: 1},
		{name: "truncated.json", data: []byte(`{"Name": "x", "Actions": [`), want: "truncated.json:1:27: invalid JSON: unexpected end of file: the JSON value is not closed [RL101]", code: 1},
		{name: "deep.json", data: []byte(strings.Repeat("[", 100000)), want: "deep.json:1:1001: invalid JSON: JSON nested too deeply (more than 1000 levels) [RL101]", code: 1},
		{name: "invalid-utf8.json", data: []byte("{\"Name\": \"caf\xe9\"}"), want: "invalid-utf8.json:1:14: invalid JSON: invalid UTF-8 in string: save the file as UTF-8 [RL101]", code: 1},
		{name: "utf16-bom.json", data: utf16le(`{"Name":"x","Description":"d","Actions":[],"AssignableScopes":["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]}`, true),
			want: `utf16-bom.json:1:41: role "x" grants nothing: Actions and DataActions are both empty [RL111]`, code: 1},
		{name: "utf16-nobom.json", data: utf16le(`{"Name":"x"}`, false), want: "utf16-nobom.json:1:1: invalid JSON: file looks like UTF-16 without a byte-order mark: save it as UTF-8 [RL101]", code: 1},
		{name: "nul.json", data: []byte("{\"Name\":\x00\"x\"}"), want: "nul.json:1:9: invalid JSON: unexpected control character 0x00: expected a JSON value [RL101]", code: 1},
		{name: "number.json", data: []byte("42\n"), want: "number.json:1:1: not an Azure RBAC role definition (a JSON number, not an object or array); nothing was checked [RL100]", code: 0},
		{name: "long-string.json", data: []byte(`{"Name":"` + strings.Repeat("a", 1<<20) + `","Description":"d","Actions":["Microsoft.Compute/virtualMachines/read"],"AssignableScopes":["/subscriptions/6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"]}`),
			want: "long-string.json:1:9: role name is 1048576 characters long; Azure allows at most 512 [RL108]", code: 1},
		{name: "fifo.json", set: func(t *testing.T, p string) {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip(err)
			}
		}, want: "fifo.json:1:1: cannot read file: not a regular file: it is a named pipe (FIFO), and reading it could block [RL102]", code: 1},
		{name: "dangling.json", set: func(t *testing.T, p string) { os.Symlink("nowhere.json", p) },
			want: "dangling.json:1:1: cannot read file: no such file or directory [RL102]", code: 1},
		{name: "loop.json", set: func(t *testing.T, p string) { os.Symlink("loop.json", p) },
			want: "loop.json:1:1: cannot read file: too many levels of symbolic links [RL102]", code: 1},
		{name: "missing.json", set: func(*testing.T, string) {}, want: "missing.json:1:1: cannot read file: no such file or directory [RL102]", code: 1},
		{name: "big.json", data: bigRoles(), want: "big.json:1:1: cannot read file: file is 50 MB, larger than the 32 MB limit for a role file [RL102]", code: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, c.name)
			if c.set != nil {
				c.set(t, p)
			} else if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "good.json"), []byte(goodRole), 0o644)
			out, code, rss := runBounded(t, dir, c.name, "good.json")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if c.want == "" {
				lines = nil
				if strings.TrimSpace(out) != "" {
					t.Errorf("unexpected output:\n%.2000s", out)
				}
			} else if len(lines) != 1 || lines[0] != c.want {
				t.Errorf("got\n%.2000s\nwant\n%s", out, c.want)
			}
			if code != c.code {
				t.Errorf("exit %d, want %d", code, c.code)
			}
			if rss > 1024 {
				t.Errorf("peak RSS %d MB: memory is not bounded", rss)
			}
			// good.json was linted (and is clean): the summary counts it.
			full, _, _ := runBounded(t, dir, "--quiet=false", c.name, "good.json")
			if !strings.Contains(full, " in 2 files") && !strings.Contains(full, " in 1 file ") {
				t.Errorf("summary does not count the files:\n%.2000s", full)
			}
		})
	}
}

// TestUnreadableFile runs rolelint as an unprivileged user on a file it may
// not read (the tests run as root, who can read anything).
func TestUnreadableFile(t *testing.T) {
	setpriv, err := exec.LookPath("setpriv")
	if err != nil || os.Geteuid() != 0 {
		t.Skip("needs root and setpriv to drop privileges")
	}
	dir, err := os.MkdirTemp("/tmp", "rolelint-perm")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "secret.json"), []byte(goodRole), 0o600)
	os.WriteFile(filepath.Join(dir, "good.json"), []byte(goodRole), 0o644)
	b := filepath.Join(dir, "rolelint")
	data, _ := os.ReadFile(bin)
	os.WriteFile(b, data, 0o755)
	cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", b, "--no-config", "secret.json", "good.json")
	cmd.Dir = dir
	out, _ := cmd.CombinedOutput()
	want := "secret.json:1:1: cannot read file: permission denied [RL102]"
	if !strings.Contains(string(out), want) || !strings.Contains(string(out), "in 2 files (1 role)") {
		t.Errorf("got\n%s\nwant %q and the good file linted", out, want)
	}
}

// TestDirectoryCases covers a directory named x.json, thousands of files in
// one directory, and a symlink inside a walked directory that points outside
// it (not followed).
func TestDirectoryCases(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "x.json"), 0o755)
	os.WriteFile(filepath.Join(dir, "x.json", "inner.json"), []byte(`{"Name":"Inner","Actions":[]}`), 0o644)
	many := filepath.Join(dir, "many")
	os.MkdirAll(many, 0o755)
	for i := range 3000 {
		body := strings.Replace(goodRole, "Good Role", fmt.Sprintf("Role %04d", i), 1)
		os.WriteFile(filepath.Join(many, fmt.Sprintf("r%04d.json", i)), []byte(body), 0o644)
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "evil.json"), []byte(`{"Name":"Outside","Actions":[]}`), 0o644)
	os.Symlink(filepath.Join(outside, "evil.json"), filepath.Join(many, "link.json"))
	os.Symlink(outside, filepath.Join(many, "linkdir"))

	out, code, _ := runBounded(t, dir, "--quiet=false", ".")
	if !strings.Contains(out, "x.json/inner.json:1:27: ") || strings.Contains(out, "Outside") {
		t.Errorf("x.json directory walked / symlinks not followed:\n%.3000s", out)
	}
	if !strings.Contains(out, "in 3001 files (3001 roles)") || code != 1 {
		t.Errorf("exit %d:\n%.3000s", code, out[max(0, len(out)-500):])
	}
}

// TestNeverWrites checks that no format writes to the linted files.
func TestNeverWrites(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "examples", "cli-many-defects.json"))
	p := filepath.Join(dir, "r.json")
	os.WriteFile(p, src, 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(p, old, old)
	for _, f := range []string{"text", "json", "sarif", "github"} {
		runBounded(t, dir, "--format", f, "r.json")
	}
	got, _ := os.ReadFile(p)
	fi, _ := os.Stat(p)
	if !bytes.Equal(got, src) || !fi.ModTime().Equal(old) {
		t.Error("a run without --fix changed the linted file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a run left files behind: %v", entries)
	}
}

// TestBigFileInWalk checks that a file too large, found by a directory walk
// (read without a stat first), gets the message it gets when named.
func TestBigFileInWalk(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte(" "), 40<<20)
	big[0], big[len(big)-1] = '[', ']'
	if err := os.WriteFile(filepath.Join(dir, "big.json"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "good.json"), []byte(goodRole), 0o644)
	out, code, rss := runBounded(t, dir, ".")
	if want := "big.json:1:1: cannot read file: file is 40 MB, larger than the 32 MB limit for a role file [RL102]"; strings.TrimSpace(out) != want || code != 1 {
		t.Errorf("exit %d, output\n%.2000s\nwant exit 1 and\n%s", code, out, want)
	}
	if rss > 1024 {
		t.Errorf("peak RSS %d MB: memory is not bounded", rss)
	}
}
