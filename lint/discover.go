package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// skipDirs are never descended into by a walk: version control, dependency
// caches and tool state hold no role of the user's.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "node_modules": true, "vendor": true, ".terraform": true}

// Discover expands the command-line paths into inputs. A file named
// explicitly is always linted, whatever its name; directories are walked for
// *.json files, skipping hidden and vendored directories and never following
// symbolic links, so a walk cannot leave the tree it was given or loop.
// ignore reports paths (slash-separated, as given) to leave out.
func Discover(paths []string, ignore func(path string, dir bool) bool) ([]Input, error) {
	var out []Input
	seen := map[string]bool{}
	add := func(in Input) {
		key := filepath.Clean(in.Path)
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, in)
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.IsDir() {
			// Missing, unreadable and special files are reported by the
			// linter as findings at the file, like any other broken file.
			add(Input{Path: p, Explicit: true})
			continue
		}
		// A directory named through a symbolic link is walked: the user
		// gave that link. WalkDir does not follow a root that is a link, so
		// it walks "link/", which resolves it; below it, links are still
		// not followed.
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 && !strings.HasSuffix(p, string(filepath.Separator)) {
			root = p + string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == root {
					return err
				}
				add(Input{Path: path, Explicit: true}) // unreadable directory or file: report it
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if ignore != nil && path != root && ignore(filepath.ToSlash(path), d.IsDir()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				name := d.Name()
				if path != root && (skipDirs[name] || strings.HasPrefix(name, ".") && name != "." && name != "..") {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 || !d.Type().IsRegular() {
				return nil
			}
			if strings.EqualFold(filepath.Ext(path), ".json") {
				add(Input{Path: path})
			}
			return nil
		})
		if err != nil {
			add(Input{Path: p, Explicit: true})
		}
	}
	return out, nil
}
