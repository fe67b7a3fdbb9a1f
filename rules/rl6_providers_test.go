package rules

import (
	"strings"
	"testing"
)

// TestProvidersData checks the embedded table and that broken entries are
// refused at start-up rather than silently matching nothing.
func TestProvidersData(t *testing.T) {
	var acs *unsupportedProvider
	for _, p := range unsupportedProviders {
		if p.Namespace == "Microsoft.Communication" {
			acs = p
		}
	}
	if acs == nil {
		t.Fatal("Microsoft.Communication is not in data/providers.json")
	}
	if acs.Builtin.Name != "Communication and Email Service Owner" || acs.Builtin.ID != "09976791-48a7-449e-bb21-39d1a415f350" {
		t.Errorf("ACS built-in is %+v", acs.Builtin)
	}
	if len(acs.Exceptions) != 1 || len(acs.Exceptions[0].set) != 3 {
		t.Errorf("ACS exceptions: %+v", acs.Exceptions)
	}

	broken := map[string]string{
		"not a list":        `{}`,
		"unknown field":     `[{"namespace": "Microsoft.X", "service": "X", "reason": "r", "builtin": {"name": "B", "id": "09976791-48a7-449e-bb21-39d1a415f350"}, "sources": ["s"], "actions": []}]`,
		"no builtin id":     `[{"namespace": "Microsoft.X", "service": "X", "reason": "r", "builtin": {"name": "B"}, "sources": ["s"]}]`,
		"namespace path":    `[{"namespace": "Microsoft.X/y", "service": "X", "reason": "r", "builtin": {"name": "B", "id": "09976791-48a7-449e-bb21-39d1a415f350"}, "sources": ["s"]}]`,
		"reason with stop":  `[{"namespace": "Microsoft.X", "service": "X", "reason": "r.", "builtin": {"name": "B", "id": "09976791-48a7-449e-bb21-39d1a415f350"}, "sources": ["s"]}]`,
		"no sources":        `[{"namespace": "Microsoft.X", "service": "X", "reason": "r", "builtin": {"name": "B", "id": "09976791-48a7-449e-bb21-39d1a415f350"}}]`,
		"foreign exception": `[{"namespace": "Microsoft.X", "service": "X", "reason": "r", "builtin": {"name": "B", "id": "09976791-48a7-449e-bb21-39d1a415f350"}, "sources": ["s"], "exceptions": [{"name": "n", "operations": ["Microsoft.Y/a/read"], "source": "s", "note": "n"}]}]`,
		"exception no note": `[{"namespace": "Microsoft.X", "service": "X", "reason": "r", "builtin": {"name": "B", "id": "09976791-48a7-449e-bb21-39d1a415f350"}, "sources": ["s"], "exceptions": [{"name": "n", "operations": ["Microsoft.X/a/read"], "source": "s"}]}]`,
	}
	for name, data := range broken {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if p := recover(); p == nil {
					t.Errorf("accepted %s", data)
				} else if !strings.Contains(p.(string), "data/providers.json") {
					t.Errorf("panic does not name the file: %v", p)
				}
			}()
			parseProviders([]byte(data))
		})
	}

	ok := parseProviders([]byte(`[{"namespace": "Microsoft.X", "service": "X", "reason": "r", "builtin": {"name": "B", "id": "09976791-48a7-449e-bb21-39d1a415f350"}, "sources": ["s"],
		"exceptions": [{"name": "n", "operations": ["Microsoft.X/a/read", "microsoft.x/B/write"], "source": "s", "note": "n"}]}]`))
	if got := ok[0].Exceptions[0].set; !got["microsoft.x/a/read"] || !got["microsoft.x/b/write"] {
		t.Errorf("exception set not folded: %v", got)
	}
}

func TestOpProviderSegment(t *testing.T) {
	for op, want := range map[string]string{
		"Microsoft.Communication/CommunicationServices/Read": "Microsoft.Communication",
		"microsoft.communication/*":                          "microsoft.communication",
		"*":                                                  "*",
		"*/read":                                             "*",
		" Microsoft.Communication/x ":                        "Microsoft.Communication",
		"Microsoft.Communication":                            "Microsoft.Communication",
	} {
		if got := opProviderSegment(op); got != want {
			t.Errorf("opProviderSegment(%q) = %q, want %q", op, got, want)
		}
	}
}
