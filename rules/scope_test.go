package rules

import (
	"strings"
	"testing"

	"github.com/rolelint/rolelint/catalog"
)

const (
	g1 = "6f3d2c1a-8b4e-4f5a-9c7d-2e1b0a9f8c6d"
	g2 = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"
)

func TestParseScope(t *testing.T) {
	cases := []struct {
		scope    string
		kind     ScopeKind
		slash    bool
		problem  string // a substring of Problem, for invalid scopes
		sub, rg  string
		mg       string
		provider string
		typ      string
		name     string
	}{
		{scope: "/", kind: ScopeRoot},
		{scope: "/subscriptions/" + g1, kind: ScopeSubscription, sub: g1},
		{scope: "/subscriptions/" + g1 + "/", kind: ScopeSubscription, slash: true, sub: g1},
		{scope: "/SUBSCRIPTIONS/" + strings.ToUpper(g1), kind: ScopeSubscription, sub: strings.ToUpper(g1)},
		{scope: "/subscriptions/" + g1 + "/resourceGroups/rg-app", kind: ScopeResourceGroup, sub: g1, rg: "rg-app"},
		{scope: "/subscriptions/" + g1 + "/resourcegroups/RG.App(1)_x", kind: ScopeResourceGroup, sub: g1, rg: "RG.App(1)_x"},
		{scope: "/subscriptions/" + g1 + "/resourceGroups/rg-app/", kind: ScopeResourceGroup, slash: true, sub: g1, rg: "rg-app"},
		{scope: "/subscriptions/" + g1 + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", kind: ScopeResource, sub: g1, rg: "rg", provider: "Microsoft.Compute", typ: "virtualMachines", name: "vm1"},
		{scope: "/subscriptions/" + g1 + "/resourceGroups/rg/PROVIDERS/Microsoft.Storage/storageAccounts/sa/blobServices/default/containers/$web", kind: ScopeResource, sub: g1, rg: "rg", provider: "Microsoft.Storage", typ: "storageAccounts/blobServices/containers", name: "$web"},
		{scope: "/subscriptions/" + g1 + "/resourceGroups/rg/providers/Dynatrace.Observability/monitors/m1", kind: ScopeResource, sub: g1, rg: "rg", provider: "Dynatrace.Observability", typ: "monitors", name: "m1"},
		{scope: "/providers/Microsoft.Management/managementGroups/contoso", kind: ScopeManagementGroup, mg: "contoso"},
		{scope: "/providers/microsoft.management/managementgroups/" + g2 + "/", kind: ScopeManagementGroup, slash: true, mg: g2},

		{scope: "", problem: "blank"},
		{scope: "   ", problem: "blank"},
		{scope: " /subscriptions/" + g1, problem: "white space"},
		{scope: "/subscriptions/" + g1 + "\t", problem: "white space"},
		{scope: "[subscription().id]", problem: "ARM template expression"},
		{scope: g1, problem: "bare GUID"},
		{scope: "subscriptions/" + g1, problem: `write "/subscriptions/`},
		{scope: "rg-app", problem: `does not start with "/"`},
		{scope: "//", problem: "empty segment"},
		{scope: "//subscriptions/" + g1, problem: "empty segment"},
		{scope: "/subscriptions/" + g1 + "//", problem: "empty segment"},
		{scope: "/subscriptions", problem: `ends after "subscriptions"`},
		{scope: "/subscriptions/not-a-guid", problem: `"not-a-guid" is not a subscription ID`},
		{scope: "/subscriptions/{" + g1 + "}", problem: "in braces: write \"/subscriptions/" + g1 + "\""},
		{scope: "/subscriptions/{" + g1 + "}/resourceGroups/rg", problem: "in braces: write \"/subscriptions/" + g1 + "/resourceGroups/rg\""},
		{scope: "/subscriptions/" + g1 + "/ResourceGroups", problem: "without a resource group name"},
		{scope: "/subscriptions/" + g1 + "/resourceGroup/rg", problem: `expected "resourceGroups"`},
		{scope: "/subscriptions/" + g1 + "/providers/Microsoft.Security/pricings/default", problem: `expected "resourceGroups"`},
		{scope: "/subscriptions/" + g1 + "/resourceGroups/rg/Microsoft.Compute/virtualMachines/vm", problem: `expected "providers"`},
		{scope: "/subscriptions/" + g1 + "/resourceGroups/rg/providers", problem: `ends after "providers"`},
		{scope: "/subscriptions/" + g1 + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines", problem: `ends after "virtualMachines"`},
		{scope: "/subscriptions/" + g1 + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/extensions", problem: `resource type "extensions" without a resource name`},
		{scope: "/subscriptions/" + g1 + "/resourceGroups/rg/providers/Compute/virtualMachines/vm", problem: "not a resource provider namespace"},
		{scope: "/providers/Microsoft.Insights", problem: "only tenant-level scope"},
		{scope: "/providers/Microsoft.Capacity/reservationOrders/" + g1, problem: "only tenant-level scope"},
		{scope: "/providers/Microsoft.Management/managementGroups", problem: "without a management group ID"},
		{scope: "/providers/Microsoft.Management/managementGroups/mg/subscriptions/" + g1, problem: "ends at the group ID"},
		{scope: "/tenants/" + g1, problem: `starts with "/tenants"`},
		{scope: `\subscriptions\` + g1, problem: `does not start with "/"`},
	}
	for _, c := range cases {
		got := ParseScope(c.scope)
		if got.Kind != c.kind {
			t.Errorf("ParseScope(%q).Kind = %v (%s), want %v", c.scope, got.Kind, got.Problem, c.kind)
			continue
		}
		if c.kind == ScopeInvalid {
			if !strings.Contains(got.Problem, c.problem) {
				t.Errorf("ParseScope(%q).Problem = %q, want it to contain %q", c.scope, got.Problem, c.problem)
			}
			continue
		}
		if got.Problem != "" {
			t.Errorf("ParseScope(%q).Problem = %q on a valid scope", c.scope, got.Problem)
		}
		want := Scope{Kind: c.kind, TrailingSlash: c.slash, Subscription: c.sub, ResourceGroup: c.rg, ManagementGroup: c.mg,
			Provider: c.provider, ResourceType: c.typ, ResourceName: c.name}
		if got != want {
			t.Errorf("ParseScope(%q) = %+v, want %+v", c.scope, got, want)
		}
	}
}

func TestFindPlaceholder(t *testing.T) {
	cases := []struct {
		scope, token, want string // token "" means no placeholder
	}{
		{"/subscriptions/{subscriptionId}", "{subscriptionId}", "the subscription ID (a GUID)"},
		{"/subscriptions/{{ subscription_id }}", "{{ subscription_id }}", "the subscription ID (a GUID)"},
		{"/subscriptions/#{SubscriptionId}#", "#{SubscriptionId}#", "the subscription ID (a GUID)"},
		{"/subscriptions/<subscription-id>", "<subscription-id>", "the subscription ID (a GUID)"},
		{"/subscriptions/$SUBSCRIPTION_ID", "$SUBSCRIPTION_ID", "the subscription ID (a GUID)"},
		{"/subscriptions/$env:SUBSCRIPTION_ID", "$env:SUBSCRIPTION_ID", "the subscription ID (a GUID)"},
		{"/subscriptions/$subId", "$subId", "the subscription ID (a GUID)"},
		{"/subscriptions/${var.subscription_id}", "${var.subscription_id}", "the subscription ID (a GUID)"},
		{"/subscriptions/$(subscriptionId)", "$(subscriptionId)", "the subscription ID (a GUID)"},
		{"/subscriptions/%SUB_ID%", "%SUB_ID%", "the subscription ID (a GUID)"},
		{"/subscriptions/__subscriptionId__", "__subscriptionId__", "the subscription ID (a GUID)"},
		{"/subscriptions/[subscription-id]", "[subscription-id]", "the subscription ID (a GUID)"},
		{"/subscriptions/SUBSCRIPTION_ID", "SUBSCRIPTION_ID", "the subscription ID (a GUID)"},
		{"/subscriptions/YOUR_SUBSCRIPTION", "YOUR_SUBSCRIPTION", "the subscription ID (a GUID)"},
		{"/subscriptions/yourSubscriptionId", "yourSubscriptionId", "the subscription ID (a GUID)"},
		{"/subscriptions/enter-subscription-id-here", "enter-subscription-id-here", "the subscription ID (a GUID)"},
		{"/subscriptions/subscription-id", "subscription-id", "the subscription ID (a GUID)"},
		{"/subscriptions/SUB_ID", "SUB_ID", "the subscription ID (a GUID)"},
		{"/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "the subscription ID (a GUID)"},
		{"/subscriptions/XXXX", "XXXX", "the subscription ID (a GUID)"},
		{"/subscriptions/00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000", "the subscription ID (a GUID)"},
		{"/subscriptions/00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000001", "the subscription ID (a GUID)"},
		{"/subscriptions/11111111-1111-1111-1111-111111111111", "11111111-1111-1111-1111-111111111111", "the subscription ID (a GUID)"},
		{"/subscriptions/12345678-1234-1234-1234-123456789012", "12345678-1234-1234-1234-123456789012", "the subscription ID (a GUID)"},
		{"/subscriptions/12345678-90ab-cdef-1234-567890abcdef", "12345678-90ab-cdef-1234-567890abcdef", "the subscription ID (a GUID)"},
		{"/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "the subscription ID (a GUID)"},
		{"/subscriptions/example", "example", "the subscription ID (a GUID)"},
		{"/subscriptions/yoursubid", "yoursubid", "the subscription ID (a GUID)"},
		{"/subscriptions/mysubscriptionid", "mysubscriptionid", "the subscription ID (a GUID)"},
		{"/subscriptions/YOUR SUBSCRIPTION ID HERE", "YOUR SUBSCRIPTION ID HERE", "the subscription ID (a GUID)"},
		{"/subscriptions/'$subscriptionId'", "'$subscriptionId'", "the subscription ID (a GUID)"},
		{"/subscriptions/" + g1 + "/resourceGroups/{rg}", "{rg}", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/<resource-group-name>", "<resource-group-name>", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/your-resource-group", "your-resource-group", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/YourResourceGroup", "YourResourceGroup", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/RESOURCE_GROUP_NAME", "RESOURCE_GROUP_NAME", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/RG_NAME", "RG_NAME", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/resourceGroupName", "resourceGroupName", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/$rg", "$rg", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/REPLACE_ME", "REPLACE_ME", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/change-me", "change-me", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/rg-name-here", "rg-name-here", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/placeholder", "placeholder", "the resource group's name"},
		{"/subscriptions/" + g1 + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/{vmName}", "{vmName}", "the resource's name"},
		{"/providers/Microsoft.Management/managementGroups/{managementGroupId}", "{managementGroupId}", "the management group's ID"},
		{"/providers/Microsoft.Management/managementGroups/YOUR_MG_ID", "YOUR_MG_ID", "the management group's ID"},
		{"/providers/Microsoft.Management/managementGroups/mgId", "mgId", "the management group's ID"},
		{"/providers/Microsoft.Management/managementGroups/00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000", "the management group's ID"},
		{"{scope}", "{scope}", "the scope's resource id, such as /subscriptions/{subscriptionId}"},
		{"SUBSCRIPTION_ID", "SUBSCRIPTION_ID", "the scope's resource id, such as /subscriptions/{subscriptionId}"},

		// Near misses: real ids and names people do use.
		{"/subscriptions/" + g1, "", ""},
		{"/subscriptions/" + g2, "", ""},
		{"/subscriptions/not-a-guid", "", ""},
		{"/subscriptions/Production", "", ""},
		{"/subscriptions/{" + g1 + "}", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/rg-example", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/example-rg", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/rg-sample-app", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/RG_PROD", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/RG-NETWORK-PROD", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/MC_rg-aks_aks-prod_westeurope", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/MC_RG_AKS_EASTUS", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/todo-app-rg", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/enterprise-apps", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/yourtown-rg", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/myResourceGroup", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/DefaultResourceGroup-EUS", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/NetworkWatcherRG", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/rg(test)", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa/blobServices/default/containers/$web", "", ""},
		{"/subscriptions/" + g1 + "/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns/eventhubs/eh/consumergroups/$Default", "", ""},
		{"/providers/Microsoft.Management/managementGroups/mg-example", "", ""},
		{"/providers/Microsoft.Management/managementGroups/" + g1, "", ""},
		{"/providers/Microsoft.Management/managementGroups/ALZ_PLATFORM", "", ""},
		{"/", "", ""},
		{"", "", ""},
	}
	for _, c := range cases {
		tok, want := findPlaceholder(c.scope)
		if tok != c.token || want != c.want {
			t.Errorf("findPlaceholder(%q) = %q, %q; want %q, %q", c.scope, tok, want, c.token, c.want)
		}
	}
}

func TestFakeGUID(t *testing.T) {
	for g, want := range map[string]bool{
		"00000000-0000-0000-0000-000000000000": true,
		"FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF": true,
		"12345678-1234-1234-1234-123456789abc": true,
		"01234567-89ab-cdef-0123-456789abcdef": true,
		"11111111-2222-3333-4444-555555555555": true,
		g1:                                     false,
		g2:                                     false,
		"acdd72a7-3385-48ef-bd42-f606fba81ae7": false, // Reader
		"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": false, // Owner
		"12345678-1234-4a6b-8c0d-1e3f5a7b9c2d": false,
	} {
		if got := fakeGUID(g); got != want {
			t.Errorf("fakeGUID(%q) = %v, want %v", g, got, want)
		}
	}
}

func TestScopeKey(t *testing.T) {
	a := "/subscriptions/" + g1 + "/resourceGroups/RG-App"
	b := "/Subscriptions/" + strings.ToUpper(g1) + "/resourcegroups/rg-app/"
	if scopeKey(a) != scopeKey(b) {
		t.Errorf("scopeKey(%q) != scopeKey(%q)", a, b)
	}
	if scopeKey(a) == scopeKey("/subscriptions/"+g1) {
		t.Errorf("a resource group and its subscription have the same key")
	}
}

func FuzzParseScope(f *testing.F) {
	for _, s := range []string{"/", "//", "/subscriptions/" + g1, "/providers/Microsoft.Management/managementGroups/x/",
		"/subscriptions/" + g1 + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm", "{x}", "[x]", "/subscriptions/$X/"} {
		f.Add(s)
	}
	scopeSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		sc := ParseScope(s)
		if (sc.Kind == ScopeInvalid) != (sc.Problem != "") {
			t.Fatalf("ParseScope(%q) = %+v: Problem must be set exactly on invalid scopes", s, sc)
		}
		findPlaceholder(s)
		checkScope(t, s)
		// The memo answers as the classification, twice (the second time
		// from the memo).
		for range 2 {
			if got, want := classifyScope(s), classify(s); got != want {
				t.Fatalf("classifyScope(%q) = %+v, want %+v", s, got, want)
			}
		}
	})
}

// TestSensitiveSuffixes checks that the suffix entries of the sensitive
// tables are in lower case, as FindSuffixes takes them.
func TestSensitiveSuffixes(t *testing.T) {
	n := 0
	for _, table := range [][]sensitive{escalation, guardrails, credentials} {
		for _, s := range table {
			if strings.HasPrefix(s.op, "/") {
				n++
				if s.op != strings.ToLower(s.op) {
					t.Errorf("suffix %q is not in lower case", s.op)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no suffix entries")
	}
}

// TestCatalogOpsPass checks what checkOp's first test assumes of the
// bundled catalog: each of its operations, written as it is spelled there,
// passes every check checkOp makes before looking it up.
func TestCatalogOpsPass(t *testing.T) {
	cat := catalog.Default()
	n := 0
	for _, data := range []bool{false, true} {
		for _, op := range cat.Match("*", data) {
			n++
			ns, _, _ := strings.Cut(op.Name, "/")
			if _, known := cat.Provider(ns); !usableOp(op.Name) || !known {
				t.Errorf("%q: usableOp %v, provider known %v", op.Name, usableOp(op.Name), known)
			}
		}
	}
	if n < 17000 {
		t.Fatalf("only %d operations", n)
	}
}
