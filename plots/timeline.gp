# timeline.gp - availability over time since everything was new, one line
# per design with its confidence band.  A design whose windows vary no
# more than chance (nines judges it) is drawn flat at its availability
# over the whole run, with that interval as its band and each window as
# a dot, so that a steady design looks steady.
#
# Run by nines (src/plot.c) as
#   gnuplot -c timeline.gp PNG SVG DATA NDESIGNS LEVEL NSTEADY
# PNG, SVG: output files, "" for a terminal not wanted.
# DATA: one block per design, blocks separated by two blank lines; a
#   block's first line is its title (the design's name, "steady" when
#   drawn flat, or the earlier design whose line is the same), then one
#   row per window, tab-separated: start (years), the line, the band's
#   low and high ends, the window's dot (NaN unless steady) and the
#   line's marker (NaN between markers), availability in percent.
# LEVEL: confidence level in percent, 0 when the designs differ.
# NSTEADY: how many designs are drawn flat.
# Each design has a colour, a dash and a marker (its line type), and the
# designs' markers fall on different windows: a line drawn over the same
# line of another design leaves that one's dashes and markers in sight.
# Names reach gnuplot only from DATA, and all text is noenhanced: nothing
# in a name is interpreted.
png = ARG1
svg = ARG2
data = ARG3
n = ARG4 + 0
level = ARG5 + 0
nsteady = ARG6 + 0

set datafile separator "\t"
set datafile commentschars ""
set encoding utf8
set linetype 1 lc rgb "#4477aa" lw 2 dt 1 pt 6
set linetype 2 lc rgb "#ee6677" lw 2 dt 2 pt 8
set linetype 3 lc rgb "#228833" lw 2 dt 3 pt 4
set linetype 4 lc rgb "#ccbb44" lw 2 dt 4 pt 10
set linetype 5 lc rgb "#66ccee" lw 2 dt 5 pt 12
set linetype 6 lc rgb "#aa3377" lw 2 dt (8, 4, 2, 4, 2, 4) pt 14
set linetype 7 lc rgb "#bbbbbb" lw 2 dt (12, 6) pt 2
set linetype cycle 7

conf = (level > 0) ? sprintf("%g%% confidence band", level) : "confidence band"
title = sprintf("Availability over time, per window (shaded: %s)", conf)
if (nsteady > 0) {
	title = title . "\na steady design (its windows vary no more than chance) is drawn flat at its availability over the whole run, each window a dot"
}
set title title noenhanced
set xlabel "years since start (start of each window)" noenhanced
set ylabel "availability in the window, %" noenhanced
set key bottom right noenhanced box opaque Left reverse
set border 3
set xtics nomirror noenhanced
set ytics nomirror noenhanced
set format y "%g"
set grid xtics ytics lt 1 lw 1 lc rgb "#e4e4e4" back
set style fill transparent solid 0.2 noborder

if (strlen(png) > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10"
	set output png
} else {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
}
plot for [i=0:n-1] data index i using 1:3:4 with filledcurves lt i+1 notitle, \
     for [i=0:n-1] data index i using 1:5 with points lt i+1 pt 7 ps 0.3 notitle, \
     for [i=0:n-1] data index i using 1:2 with lines lt i+1 notitle, \
     for [i=0:n-1] data index i using 1:6 with linespoints lt i+1 ps 1.3 title columnheader(1)
unset output
if (strlen(png) > 0 && strlen(svg) > 0) {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
	replot
	unset output
}
