# timeline.gp - availability over time since everything was new, one line
# per design with its confidence band.
#
# Run by nines (src/plot.c) as
#   gnuplot -c timeline.gp PNG SVG DATA NDESIGNS LEVEL POINTS
# PNG, SVG: output files, "" for a terminal not wanted.
# DATA: one block per design, blocks separated by two blank lines; a
#   block's first line is the design's name alone, then one row per window,
#   tab-separated: start (years), mean, ci_low, ci_high (availability, %).
# LEVEL: confidence level in percent, 0 when the designs differ.
# POINTS: 1 to mark each window (few windows), 0 for lines alone.
# Names reach gnuplot only from DATA, and all text is noenhanced: nothing
# in a name is interpreted.
png = ARG1
svg = ARG2
data = ARG3
n = ARG4 + 0
level = ARG5 + 0
points = ARG6 + 0

set datafile separator "\t"
set datafile commentschars ""
set encoding utf8
set linetype 1 lc rgb "#4477aa" lw 2
set linetype 2 lc rgb "#ee6677" lw 2
set linetype 3 lc rgb "#228833" lw 2
set linetype 4 lc rgb "#ccbb44" lw 2
set linetype 5 lc rgb "#66ccee" lw 2
set linetype 6 lc rgb "#aa3377" lw 2
set linetype 7 lc rgb "#bbbbbb" lw 2
set linetype cycle 7

conf = (level > 0) ? sprintf("%g%% confidence band", level) : "confidence band"
set title sprintf("Availability over time, per window (shaded: %s)", conf) noenhanced
set xlabel "years since start (start of each window)" noenhanced
set ylabel "availability in the window, %" noenhanced
set key bottom right noenhanced box opaque
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
if (points) {
	plot for [i=0:n-1] data index i using 1:3:4 with filledcurves lt i+1 notitle, \
	     for [i=0:n-1] data index i using 1:2 with linespoints pt 7 ps 0.6 lt i+1 title columnheader(1)
} else {
	plot for [i=0:n-1] data index i using 1:3:4 with filledcurves lt i+1 notitle, \
	     for [i=0:n-1] data index i using 1:2 with lines lt i+1 title columnheader(1)
}
unset output
if (strlen(png) > 0 && strlen(svg) > 0) {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
	replot
	unset output
}
