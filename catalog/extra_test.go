package catalog

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestWithExtraTSV(t *testing.T) {
	base := Default()
	const extra = "\uFEFF# preview operations\r\n" +
		"operation\tprovider\tdata_action\r\n" +
		"Contoso.Widgets/widgets/read\tContoso.Widgets\tfalse\r\n" +
		"Contoso.Widgets/widgets/blobs/read\t\ttrue\r\n" +
		"\r\n" +
		"Contoso.Widgets/widgets/write\r\n" +
		"microsoft.compute/VIRTUALMACHINES/start/action\t\tfalse\r\n" +
		"Microsoft.Compute/virtualMachines/start/action\t\ttrue\r\n"
	c, err := base.WithExtra("extra.tsv", strings.NewReader(extra))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		op     string
		data   bool
		name   string
		source Source
	}{
		{"contoso.widgets/widgets/read", false, "Contoso.Widgets/widgets/read", SourceUser},
		{"Contoso.Widgets/widgets/blobs/read", true, "Contoso.Widgets/widgets/blobs/read", SourceUser},
		{"Contoso.Widgets/widgets/write", false, "Contoso.Widgets/widgets/write", SourceUser},
		// Already documented: keeps the docs' spelling and source.
		{"Microsoft.Compute/virtualMachines/start/action", false, "Microsoft.Compute/virtualMachines/start/action", SourceDocs},
		// A new name in the other plane is added there.
		{"Microsoft.Compute/virtualMachines/start/action", true, "Microsoft.Compute/virtualMachines/start/action", SourceUser},
	} {
		op, ok := c.Lookup(tt.op, tt.data)
		if !ok || op.Name != tt.name || op.Source != tt.source || op.Data != tt.data {
			t.Errorf("Lookup(%q, %v) = %+v, %v; want %q from %s", tt.op, tt.data, op, ok, tt.name, tt.source)
		}
	}
	if _, ok := base.Lookup("Contoso.Widgets/widgets/read", false); ok {
		t.Error("WithExtra changed the catalog it was called on")
	}
	if p, ok := c.Provider("contoso.widgets"); !ok || p != "Contoso.Widgets" {
		t.Errorf("Provider(contoso.widgets) = %q, %v", p, ok)
	}
	if got := c.Match("Contoso.Widgets/*", false); len(got) != 2 {
		t.Errorf("Match(Contoso.Widgets/*) = %+v, want 2 ops", got)
	}
	s, bs := c.Stats(), base.Stats()
	if s.BySource[SourceUser] != 4 || s.Operations != bs.Operations+4 || s.Providers != bs.Providers+1 || s.DataActions != bs.DataActions+2 {
		t.Errorf("Stats = %+v, base %+v", s, bs)
	}
	if got := c.Suggest("Contoso.Widgets/widgets/raed", false, 3); len(got) == 0 || got[0] != "Contoso.Widgets/widgets/read" {
		t.Errorf("Suggest on a user op = %q", got)
	}
	if _, ok := c.Builtin("Owner"); !ok {
		t.Error("built-in roles lost")
	}
}

func TestWithExtraPlainList(t *testing.T) {
	c, err := Default().WithExtra("extra.txt", strings.NewReader("Contoso.Widgets/widgets/read\n  Contoso.Widgets/widgets/delete  \n# comment\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Contoso.Widgets/widgets/read", "Contoso.Widgets/widgets/delete"} {
		if op, ok := c.Lookup(name, false); !ok || op.Source != SourceUser {
			t.Errorf("Lookup(%q) = %+v, %v", name, op, ok)
		}
	}
	if _, ok := c.Lookup("Contoso.Widgets/widgets/read", true); ok {
		t.Error("a plain list added a data action")
	}
}

func TestWithExtraErrors(t *testing.T) {
	tests := []struct{ input, want string }{
		{"operation\tprovider\n", "extra.tsv:1: header"},
		{"operation\tprovider\tdata_action\nContoso.Widgets/widgets/read\t\tmaybe\n", "extra.tsv:2: data_action \"maybe\""},
		{"operation\tprovider\tdata_action\nContoso.Widgets/widgets/read\tFabrikam.Gadgets\tfalse\n", "extra.tsv:2: provider \"Fabrikam.Gadgets\" does not match"},
		{"operation\tprovider\tdata_action\n\nContoso.Widgets/widgets/read\t\tfalse\textra\n", "extra.tsv:3: 4 fields"},
		{"Contoso.Widgets/widgets/read\n\nContoso.Widgets/*\n", "extra.tsv:3: operation \"Contoso.Widgets/*\" contains '*'"},
		{"Contoso.Widgets/widgets/read\tContoso.Widgets\tfalse\n", "extra.tsv:1: tab-separated fields without the header"},
		{"widgets read\n", "extra.tsv:1: operation \"widgets read\" contains white space"},
		{"read\n", "extra.tsv:1: operation \"read\" has no provider namespace"},
		{"/widgets/read\n", "extra.tsv:1: operation \"/widgets/read\" has no provider namespace"},
		{"Contoso.Widgets/widgets/\n", "extra.tsv:1: operation \"Contoso.Widgets/widgets/\" ends with '/'"},
	}
	for _, tt := range tests {
		c, err := Default().WithExtra("extra.tsv", strings.NewReader(tt.input))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("WithExtra(%q) = %v, %v; want an error containing %q", tt.input, c, err, tt.want)
		}
	}
}

func TestImport(t *testing.T) {
	f, err := os.Open("testdata/az-provider-operation-list.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ops, err := Import(f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, op := range ops {
		if op.Source != SourceUser || op.Provider != op.Name[:strings.IndexByte(op.Name, '/')] {
			t.Errorf("op %+v: want Source user and the name's namespace", op)
		}
		plane := "control"
		if op.Data {
			plane = "data"
		}
		got = append(got, op.Name+" "+plane)
	}
	// Provider-level and resource-type operations, sorted by provider and
	// name, one per plane, the first spelling kept.
	want := []string{
		"Contoso.Widgets/operations/read control",
		"Contoso.Widgets/register/action control",
		"Contoso.Widgets/widgets/blobs/read data",
		"Contoso.Widgets/widgets/keys/read control",
		"Contoso.Widgets/widgets/keys/read data",
		"Contoso.Widgets/widgets/read control",
		"Contoso.Widgets/widgets/write control",
		"Fabrikam.Gadgets/gadgets/read control",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Import =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// WriteTSV's output is operations.tsv's format, which WithExtra reads.
	var buf bytes.Buffer
	if err := WriteTSV(&buf, ops); err != nil {
		t.Fatal(err)
	}
	if line, _, _ := strings.Cut(buf.String(), "\n"); line != "operation\tprovider\tdata_action" {
		t.Errorf("WriteTSV header %q", line)
	}
	if !strings.Contains(buf.String(), "\nContoso.Widgets/widgets/keys/read\tContoso.Widgets\ttrue\n") {
		t.Errorf("WriteTSV output lacks the data-plane keys/read row:\n%s", buf.String())
	}
	c, err := Default().WithExtra("imported.tsv", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if op, ok := c.Lookup("Contoso.Widgets/widgets/keys/read", true); !ok || op.Source != SourceUser {
		t.Errorf("round trip: Lookup = %+v, %v", op, ok)
	}
}

func TestImportShapes(t *testing.T) {
	tests := []struct {
		name, input string
		want        []string
		err         string
	}{
		{"az provider operation show", `{"name":"Contoso.Widgets","operations":[{"name":"Contoso.Widgets/widgets/read","isDataAction":false}],"resourceTypes":[{"name":"widgets","operations":[{"name":"Contoso.Widgets/widgets/blobs/read","isDataAction":"true"}]}]}`,
			[]string{"Contoso.Widgets/widgets/blobs/read", "Contoso.Widgets/widgets/read"}, ""},
		{"Get-AzProviderOperation", `[{"Operation":"Contoso.Widgets/widgets/read","OperationName":"Read","ProviderNamespace":"Contoso Widgets","IsDataAction":false},{"Operation":"Contoso.Widgets/widgets/blobs/read","IsDataAction":true}]`,
			[]string{"Contoso.Widgets/widgets/blobs/read", "Contoso.Widgets/widgets/read"}, ""},
		{"empty array", `[]`, nil, ""},
		{"not JSON", `operation\tprovider`, nil, "import: want a JSON array or object"},
		{"bad JSON", `[{"name": }]`, nil, "import: invalid character"},
		{"bad flag", `[{"name":"C.W","operations":[{"name":"C.W/x/read","isDataAction":"yes"}]}]`, nil, "isDataAction"},
		{"bad name", `[{"name":"C.W","operations":[{"name":"","isDataAction":false}]}]`, nil, "import: provider 0 (C.W) operation 0: empty operation"},
	}
	for _, tt := range tests {
		ops, err := Import(strings.NewReader(tt.input))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []string
		for _, op := range ops {
			got = append(got, op.Name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Import = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWriteTSVOrder(t *testing.T) {
	ops := []Op{
		{Name: "microsoft.web/sites/read"},
		{Name: "Microsoft.Compute/virtualMachines/write", Provider: "Microsoft.Compute"},
		{Name: "Microsoft.Compute/virtualMachines/login/action", Data: true},
		{Name: "Microsoft.Compute/disks/read"},
		{Name: "Microsoft.Web/sites/delete"},
	}
	var buf bytes.Buffer
	if err := WriteTSV(&buf, ops); err != nil {
		t.Fatal(err)
	}
	want := "operation\tprovider\tdata_action\n" +
		"Microsoft.Compute/disks/read\tMicrosoft.Compute\tfalse\n" +
		"Microsoft.Compute/virtualMachines/login/action\tMicrosoft.Compute\ttrue\n" +
		"Microsoft.Compute/virtualMachines/write\tMicrosoft.Compute\tfalse\n" +
		"Microsoft.Web/sites/delete\tMicrosoft.Web\tfalse\n" +
		"microsoft.web/sites/read\tmicrosoft.web\tfalse\n"
	if buf.String() != want {
		t.Errorf("WriteTSV =\n%s\nwant\n%s", buf.String(), want)
	}
	if ops[0].Provider != "" {
		t.Error("WriteTSV modified its input")
	}
	if err := WriteTSV(&buf, []Op{{Name: "a/b\tc"}}); err == nil {
		t.Error("WriteTSV accepted a tab in a name")
	}
}

// TestDocsRoundTrip writes the documented operations back out: the result
// must equal data/operations.tsv except for the provider column, where
// WriteTSV uses each name's namespace and the file the section heading.
func TestDocsRoundTrip(t *testing.T) {
	src, err := os.ReadFile("data/operations.tsv")
	if err != nil {
		t.Fatal(err)
	}
	c := Default()
	var docs []Op
	for _, data := range []bool{false, true} {
		for _, op := range c.Match("*", data) {
			if op.Source == SourceDocs {
				docs = append(docs, op)
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteTSV(&buf, docs); err != nil {
		t.Fatal(err)
	}
	strip := func(s string) []string {
		var out []string
		for line := range strings.Lines(s) {
			f := strings.Split(strings.TrimSpace(line), "\t")
			out = append(out, f[0]+"\t"+f[2])
		}
		return out
	}
	got, want := strip(buf.String()), strip(string(src))
	if len(got) != len(want) {
		t.Fatalf("%d lines written, operations.tsv has %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("line %d: %q, operations.tsv has %q", i+1, got[i], want[i])
		}
	}
}

// TestLookupLongAndNonASCII covers Lookup's fallbacks from the stack buffer.
func TestLookupLongAndNonASCII(t *testing.T) {
	long := "Contoso.Widgets/" + strings.Repeat("x", 300) + "/read"
	c, err := Default().WithExtra("extra.txt", strings.NewReader(long+"\nContoso.Wídgets/widgets/read\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{long, strings.ToUpper(long), "contoso.wídgets/WIDGETS/read", "CONTOSO.WÍDGETS/widgets/read"} {
		if _, ok := c.Lookup(q, false); !ok {
			t.Errorf("Lookup(%.40q...) not found", q)
		}
		if ops := c.LookupAny(q); len(ops) != 1 {
			t.Errorf("LookupAny(%.40q...) = %d ops", q, len(ops))
		}
	}
	if _, ok := c.Lookup("Contoso.Widgets/"+strings.Repeat("x", 299)+"/read", false); ok {
		t.Error("found a shorter long name")
	}
}
