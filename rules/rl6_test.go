package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProviderExamples checks the ACS examples of testdata/examples.
func TestProviderExamples(t *testing.T) {
	read := func(name string) (string, []byte) {
		path := filepath.Join("..", "testdata", "examples", name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return "testdata/examples/" + name, data
	}
	path, data := read("cli-acs-sender.json")
	got := lintOne(t, path, data, "RL601")
	if strings.Count(got, "[RL601]") != 1 || !strings.Contains(got, `"Communication and Email Service Owner" (09976791-48a7-449e-bb21-39d1a415f350)`) {
		t.Errorf("cli-acs-sender.json: want one RL601 naming the built-in role, got:\n%s", got)
	}
	if got := lintOne(t, path, data, "RL602"); got != "" {
		t.Errorf("cli-acs-sender.json: unexpected RL602:\n%s", got)
	}

	path, data = read("cli-acs-smtp.json")
	if got := lintOne(t, path, data, "RL601"); got != "" {
		t.Errorf("cli-acs-smtp.json: the documented SMTP role gets RL601:\n%s", got)
	}
	if got := lintOne(t, path, data, "RL602"); strings.Count(got, "[RL602]") != 1 || !strings.Contains(got, "smtp-authentication") {
		t.Errorf("cli-acs-smtp.json: want one RL602 citing the SMTP doc, got:\n%s", got)
	}
}
