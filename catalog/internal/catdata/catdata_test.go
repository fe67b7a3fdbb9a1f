package catdata

import (
	"reflect"
	"strings"
	"testing"
)

const meta = "# comment\ndate: 2026-02-23\nsource: test data\n"

func TestBuild(t *testing.T) {
	ops := TSVHeader + "\n" +
		"Microsoft.Web/sites/read\tmicrosoft.web\tfalse\n" +
		"microsoft.web/sites/write\tmicrosoft.web\tfalse\n" +
		"Microsoft.KeyVault/vaults/keys/read\tMicrosoft.KeyVault\tfalse\n" +
		"Microsoft.KeyVault/vaults/keys/read\tMicrosoft.KeyVault\ttrue\n"
	roles := `[
	  {"roleName": "A", "id": "1", "actions": ["Microsoft.Web/*", "Contoso.Widgets/*", "contoso.widgets/widgets/read"], "notActions": [],
	   "dataActions": ["Microsoft.KeyVault/vaults/keys/read", "Microsoft.Web/sites/read"], "notDataActions": []},
	  {"roleName": "B", "id": "2", "actions": ["Contoso.Widgets/widgets/Read", "Contoso.Widgets/widgets/Read"], "notActions": [], "dataActions": [], "notDataActions": []},
	  {"roleName": "C", "id": "3", "actions": null, "notActions": null, "dataActions": null, "notDataActions": null}
	]`
	d, err := Build([]byte(ops), []byte(roles), []byte(meta))
	if err != nil {
		t.Fatal(err)
	}
	if d.Date != "2026-02-23" || d.Source != "test data" {
		t.Errorf("meta = %q, %q", d.Date, d.Source)
	}
	names := func(p Plane) (out []string) {
		for _, op := range p.Ops {
			out = append(out, op.Name+" "+[]string{"docs", "builtin", "user"}[op.Source])
		}
		return out
	}
	// The role's spelling "Contoso.Widgets/widgets/Read" (mixed case, used
	// twice) beats "contoso.widgets/widgets/read".
	wantControl := []string{"Contoso.Widgets/widgets/Read builtin", "Microsoft.KeyVault/vaults/keys/read docs", "Microsoft.Web/sites/read docs", "microsoft.web/sites/write docs"}
	wantData := []string{"Microsoft.KeyVault/vaults/keys/read docs", "Microsoft.Web/sites/read builtin"}
	if got := names(d.Planes[0]); !reflect.DeepEqual(got, wantControl) {
		t.Errorf("control = %q, want %q", got, wantControl)
	}
	if got := names(d.Planes[1]); !reflect.DeepEqual(got, wantData) {
		t.Errorf("data = %q, want %q", got, wantData)
	}
	if want := []string{"contoso.widgets/widgets/read", "microsoft.keyvault/vaults/keys/read", "microsoft.web/sites/read", "microsoft.web/sites/write"}; !reflect.DeepEqual(d.Planes[0].Keys, want) {
		t.Errorf("keys = %q", d.Planes[0].Keys)
	}
	wantPatterns := []Pattern{{Text: "Contoso.Widgets/*", Extends: true}, {Text: "Microsoft.Web/*"}}
	if !reflect.DeepEqual(d.Patterns, wantPatterns) {
		t.Errorf("patterns = %+v, want %+v", d.Patterns, wantPatterns)
	}
	if want := []string{"Contoso.Widgets", "Microsoft.KeyVault", "Microsoft.Web"}; !reflect.DeepEqual(d.Providers, want) {
		t.Errorf("providers = %q, want %q", d.Providers, want)
	}
	if len(d.Roles) != 3 || !d.Roles[0].Known || d.Roles[2].Known || d.Roles[2].Perms[0] != nil {
		t.Errorf("roles = %+v", d.Roles)
	}
}

func TestBuildErrors(t *testing.T) {
	goodOps := TSVHeader + "\nMicrosoft.Web/sites/read\tMicrosoft.Web\tfalse\n"
	goodRoles := `[]`
	tests := []struct{ ops, roles, meta, want string }{
		{"operation\tprovider\n", goodRoles, meta, "operations.tsv:1: header"},
		{TSVHeader + "\nMicrosoft.Web/sites/read\tMicrosoft.Web\n", goodRoles, meta, "operations.tsv:2: 2 fields"},
		{TSVHeader + "\nMicrosoft.Web/sites/read\tMicrosoft.Web\tyes\n", goodRoles, meta, "operations.tsv:2: data_action"},
		{TSVHeader + "\nMicrosoft.Web/sites/read\tMicrosoft.Compute\tfalse\n", goodRoles, meta, "operations.tsv:2: \"Microsoft.Web/sites/read\" is not in provider"},
		{goodOps + "microsoft.web/SITES/read\tMicrosoft.Web\tfalse\n", goodRoles, meta, "operations.tsv:3: duplicate"},
		{TSVHeader + "\nMicrosoft.Web/*\tMicrosoft.Web\tfalse\n", goodRoles, meta, "operations.tsv:2: operation \"Microsoft.Web/*\" contains '*'"},
		{goodOps, `{}`, meta, "builtin-roles.json:"},
		{goodOps, `[{"roleName": "A", "id": "1", "actions": [], "notActions": null, "dataActions": [], "notDataActions": []}]`, meta, "either all permission arrays are null or none"},
		{goodOps, `[{"roleName": "A", "id": "1", "actions": ["a b"], "notActions": [], "dataActions": [], "notDataActions": []}]`, meta, "bad permission"},
		{goodOps, goodRoles, "date: 2026-02-23\n", "meta.txt: date and source are required"},
		{goodOps, goodRoles, "date 2026-02-23\n", "meta.txt:1: want key: value"},
		{goodOps, goodRoles, meta + "colour: blue\n", "meta.txt:4: unknown key"},
	}
	for _, tt := range tests {
		_, err := Build([]byte(tt.ops), []byte(tt.roles), []byte(tt.meta))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Build: err = %v, want %q", err, tt.want)
		}
	}
}

func TestEncodeDecode(t *testing.T) {
	d := &Data{
		Date:   "2026-02-23",
		Source: "test",
		Planes: [2]Plane{
			{Ops: []Op{
				{Name: "A.B/x/read", Source: SourceDocs},
				{Name: "a.b/x/write", Source: SourceBuiltin},
				{Name: "A.B/xY/WRITE", Source: SourceUser},
				{Name: "Ä.B/x/read"}, // not ASCII: stored verbatim
			}},
			{Ops: []Op{{Name: "A.B/x/read", Data: true}}},
		},
		Providers: []string{"A.B", "Ä.B"},
		Patterns:  []Pattern{{Text: "A.B/*", Extends: true}, {Text: "*", Data: true}},
		Roles: []Role{
			{Name: "R", ID: "1", Known: true, Perms: [4][]string{{"A.B/*", "A.B/x/read"}, {}, {"*"}, {}}},
			{Name: "S", ID: "2"},
		},
	}
	for i := range d.Planes {
		p := &d.Planes[i]
		for _, op := range p.Ops {
			p.Keys = append(p.Keys, Fold(op.Name))
		}
	}
	got, err := Decode(Encode(d))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, d)
	}
	if c := cap(got.Roles[0].Perms[0]); c != 2 {
		t.Errorf("role array capacity %d, want 2 (clipped)", c)
	}
}

func TestFold(t *testing.T) {
	for _, s := range []string{"", "abc", "Microsoft.Compute/VirtualMachines", "Ä.B/ẞ", "MIXED ascii É"} {
		if got, want := Fold(s), strings.ToLower(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}
