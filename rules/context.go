package rules

import (
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/rolelint/rolelint/catalog"
	"github.com/rolelint/rolelint/role"
)

// Catalog stands for the provider-operations catalog. The driver seeds it
// (the embedded catalog plus the user's --catalog files); run on its own it
// gives the embedded one.
var Catalog = &analysis.Analyzer{
	Name:       "catalog",
	Doc:        "the provider-operations catalog (seeded by the driver)",
	Run:        func(*analysis.Pass) (any, error) { return catalog.Default(), nil },
	ResultType: reflect.TypeOf((*catalog.Catalog)(nil)),
}

// CatalogOf returns the catalog of a pass that requires Catalog.
func CatalogOf(pass *analysis.Pass) *catalog.Catalog {
	return pass.ResultOf[Catalog].(*catalog.Catalog)
}

// TenantSettings are the facts about the tenant that are not in the files.
type TenantSettings struct {
	// Cloud is "public" (Azure public cloud) or "china" (Azure operated by 21Vianet).
	Cloud string
	// Existing is the number of custom roles already in the tenant and not in
	// the linted files (--existing-roles N).
	Existing int
	// ExistingFile, when set, is an `az role definition list --custom-role-only
	// true` file whose roles are in the tenant; roles of the linted files with
	// the same name or id are not counted twice.
	ExistingFile *role.File
}

// Tenant stands for the TenantSettings, seeded by the driver from flags and config.
var Tenant = &analysis.Analyzer{
	Name:       "tenant_settings",
	Doc:        "facts about the tenant from flags and config (seeded by the driver)",
	Run:        func(*analysis.Pass) (any, error) { return &TenantSettings{Cloud: "public"}, nil },
	ResultType: reflect.TypeOf((*TenantSettings)(nil)),
}

// TenantOf returns the settings of a pass that requires Tenant.
func TenantOf(pass *analysis.Pass) *TenantSettings { return pass.ResultOf[Tenant].(*TenantSettings) }
