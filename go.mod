module github.com/rolelint/rolelint

go 1.26.8

require (
	github.com/go-json-experiment/json v1.27.2
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	github.com/spf13/pflag v1.1.0
	golang.org/x/text v0.14.0
	golang.org/x/tools v0.52.0
)
