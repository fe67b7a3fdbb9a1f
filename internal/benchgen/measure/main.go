// Command measure runs a command several times and prints the best and
// median wall time (seconds), the best and median peak RSS (MB), and the
// median CPU time (user plus system, seconds) of the runs, for
// scripts/bench:
//
//	measure -n 7 -- bench/rolelint -q bench/tenant-5000
//
// Exit status 1 of the command (rolelint's "findings") is expected; any
// other failure stops the measurement.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 7, "number of timed runs (after one untimed warm-up run)")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: measure [-n runs] -- command [arg ...]")
		os.Exit(2)
	}
	var walls []float64
	var rss, cpu []float64
	for i := -1; i < *n; i++ {
		cmd := exec.Command(args[0], args[1:]...) // output goes to /dev/null
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			err = nil
		}
		if err != nil {
			fatal(fmt.Errorf("%v: %w", args, err))
		}
		if i < 0 {
			continue // warm-up: page cache
		}
		walls = append(walls, wall.Seconds())
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = append(rss, float64(ru.Maxrss)/1024) // Linux reports KB
		}
		cpu = append(cpu, (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds())
	}
	slices.Sort(walls)
	slices.Sort(rss)
	slices.Sort(cpu)
	med := func(xs []float64) float64 {
		if len(xs) == 0 {
			return 0
		}
		return xs[(len(xs)-1)/2]
	}
	best := func(xs []float64) float64 {
		if len(xs) == 0 {
			return 0
		}
		return xs[0]
	}
	fmt.Printf("%.4f %.4f %.1f %.1f %.4f\n", best(walls), med(walls), best(rss), med(rss), med(cpu))
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "measure:", err)
	os.Exit(1)
}
