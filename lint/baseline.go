package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Fingerprint identifies a finding across edits that move it: rule, path,
// role and JSON Pointer, never line numbers or wording.
func Fingerprint(f *Finding) string {
	h := sha256.New()
	for _, s := range []string{f.Rule.ID, filepath.ToSlash(f.Path), f.Role, f.Pointer} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// Baseline is the set of findings accepted at one point in time, so that a
// later run fails only on new ones.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding; the fields beside the fingerprint
// are there for people reading the file.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Path        string `json:"path"`
	Role        string `json:"role,omitempty"`
	Pointer     string `json:"pointer"`
	Message     string `json:"message"`
}

// NewBaseline records the findings.
func NewBaseline(fs []Finding) *Baseline {
	b := &Baseline{Version: 1, Findings: []BaselineEntry{}}
	for i := range fs {
		f := &fs[i]
		b.Findings = append(b.Findings, BaselineEntry{Fingerprint: Fingerprint(f), Rule: f.Rule.ID,
			Path: filepath.ToSlash(f.Path), Role: f.Role, Pointer: f.Pointer, Message: f.Message})
	}
	sort.SliceStable(b.Findings, func(i, j int) bool { return b.Findings[i].Fingerprint < b.Findings[j].Fingerprint })
	return b
}

// ReadBaseline reads a baseline file.
func ReadBaseline(file string) (*Baseline, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("%s: not a rolelint baseline: %v", file, err)
	}
	if b.Version != 1 {
		return nil, fmt.Errorf("%s: baseline version %d, want 1", file, b.Version)
	}
	return &b, nil
}

// Write stores the baseline as indented JSON.
func (b *Baseline) Write(file string) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(data, '\n'), 0o644)
}

// Filter returns the findings that are not in the baseline (each baseline
// entry absorbs one finding with its fingerprint) and the entries that no
// finding matched any more: those were fixed.
func (b *Baseline) Filter(fs []Finding) (fresh []Finding, fixed []BaselineEntry) {
	left := map[string]int{}
	for _, e := range b.Findings {
		left[e.Fingerprint]++
	}
	for i := range fs {
		fp := Fingerprint(&fs[i])
		if left[fp] > 0 {
			left[fp]--
			continue
		}
		fresh = append(fresh, fs[i])
	}
	for _, e := range b.Findings {
		if left[e.Fingerprint] > 0 {
			left[e.Fingerprint]--
			fixed = append(fixed, e)
		}
	}
	return fresh, fixed
}
