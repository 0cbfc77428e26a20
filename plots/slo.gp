# slo.gp - probability that a window of time falls below each SLO target,
# with confidence intervals: a cluster of bars per target, a bar per design.
#
# Run by nines (src/plot.c) as
#   gnuplot -c slo.gp PNG SVG DATA TARGETS NDESIGNS WINDOW LEVEL
# PNG, SVG: output files, "" for a terminal not wanted.
# DATA: one block per design, blocks separated by two blank lines; a
#   block's first line is the design's name, then one row per target,
#   tab-separated: x, mean, ci_low, ci_high (percent), half the bar's width.
# TARGETS: one row per target: its label ("99.9%"), x of the cluster.
# WINDOW: the windows' length in hours, 0 when the designs differ (each
#   name then says its own).  LEVEL: confidence level in percent, 0 when
#   the designs differ.
# Names reach gnuplot only from the data files, and all text is
# noenhanced: nothing in a name is interpreted.
png = ARG1
svg = ARG2
data = ARG3
targets = ARG4
n = ARG5 + 0
window = ARG6 + 0
level = ARG7 + 0

set datafile separator "\t"
set datafile commentschars ""
set encoding utf8
set linetype 1 lc rgb "#4477aa" lw 1.5
set linetype 2 lc rgb "#ee6677" lw 1.5
set linetype 3 lc rgb "#228833" lw 1.5
set linetype 4 lc rgb "#ccbb44" lw 1.5
set linetype 5 lc rgb "#66ccee" lw 1.5
set linetype 6 lc rgb "#aa3377" lw 1.5
set linetype 7 lc rgb "#bbbbbb" lw 1.5
set linetype cycle 7

days(h) = (h >= 24 && h == 24 * floor(h / 24)) ? sprintf(" (%g days)", h / 24) : ""
what = (window > 0) ? sprintf("a %g-hour window%s", window, days(window)) : "a window"
conf = (level > 0) ? sprintf("error bars: %g%% confidence intervals", level) : "error bars: confidence intervals"
set title sprintf("Probability that %s falls below each SLO target (availability in the window)\n(%s)", what, conf) noenhanced
set ylabel "probability of a breach, %" noenhanced
set key below noenhanced Left reverse
set border 3
set xtics nomirror noenhanced scale 0
set ytics nomirror noenhanced format "%g%%"
set grid ytics lt 1 lw 1 lc rgb "#e4e4e4" back
set offsets 0.5, 0.5, 0, 0
set yrange [0:*]
set style fill solid 0.75 border lc rgb "#223355"

if (strlen(png) > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10"
	set output png
} else {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
}
# the targets name the clusters: an empty label at each carries its tic
# (a point of size 0 would be a degenerate transform in the svg)
plot targets using 2:(0):(""):xticlabels(1) with labels notitle, \
     for [i=0:n-1] data index i using 1:2:3:4:5 with boxerrorbars lt i+1 title columnheader(1)
unset output
if (strlen(png) > 0 && strlen(svg) > 0) {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
	replot
	unset output
}
