package lint

import (
	"unicode/utf8"

	"github.com/rolelint/rolelint/rules"
)

// Position is a place in a file. Line and Col are 1-based; Col counts
// Unicode code points (what an editor shows), ByteCol counts bytes; Offset is
// the 0-based byte offset in the decoded UTF-8 text.
type Position struct {
	Line, Col, ByteCol, Offset int
}

// Related is a second location of a finding ("first defined here").
type Related struct {
	Path       string
	Start, End Position
	Message    string
}

// Edit replaces the bytes [Off, End) of the decoded text with Text.
type Edit struct {
	Off  int    `json:"offset"`
	End  int    `json:"end"`
	Text string `json:"text"`
}

// Fix is a suggested fix: edits of the finding's own file.
type Fix struct {
	Message string
	Edits   []Edit
}

// Finding is one diagnostic, resolved to paths and positions, ready for every
// output format. All formats are fed the same sorted slice.
type Finding struct {
	Rule     *rules.Rule
	Severity rules.Severity
	Path     string
	Start    Position
	End      Position
	Pointer  string // JSON Pointer of the innermost value at Start
	Role     string // display name of the definition the finding is in, if any
	Message  string
	Related  []Related
	Fixes    []Fix
}

// position computes the Position of a byte offset of src.
func position(src string, lines []int, off int) Position {
	if off > len(src) {
		off = len(src)
	}
	// lines holds the offset of each line start; binary search the line.
	lo, hi := 0, len(lines)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	start := 0
	if len(lines) > 0 {
		start = lines[lo]
	}
	return Position{Line: lo + 1, ByteCol: off - start + 1, Col: utf8.RuneCountInString(src[start:off]) + 1, Offset: off}
}
