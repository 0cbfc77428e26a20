# outages.gp - distribution of the system's outage durations, one line per
# design: the fraction of outages no longer than x minutes, with marks at
# the p50, p90 and p99 that the reports print.
#
# Run by nines (src/plot.c) as
#   gnuplot -c outages.gp PNG SVG DATA NDESIGNS
# PNG, SVG: output files, "" for a terminal not wanted.
# DATA: one block per design, blocks separated by two blank lines; a
#   block's first line is its title (the design's name, its percentiles
#   in words, or the earlier design whose line is the same), then rows
#   of four tab-separated columns: minutes and cumulative fraction of a
#   point of the line (then NaN, NaN), or NaN, NaN and the minutes and
#   fraction of a percentile mark, the marks kept apart by rows of NaN.
#   A design without outages has a block with its title alone, so that
#   colours match the other plots.
# Each design has a colour, a dash and a marker (its line type): a line
# drawn over the same line of another design leaves that one's dashes
# and marks in sight.
# Names reach gnuplot only from DATA, and all text is noenhanced: nothing
# in a name is interpreted.
png = ARG1
svg = ARG2
data = ARG3
n = ARG4 + 0

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

set title "How long the system's outages last\n(marked on each line: the p50, p90 and p99 of its outage durations)" noenhanced
set xlabel "outage duration, minutes (log scale)" noenhanced
set ylabel "fraction of outages no longer" noenhanced
set key top left noenhanced Left reverse box opaque
set border 3
set xtics nomirror noenhanced
set ytics nomirror noenhanced
set y2tics ("p50" 0.5, "p90" 0.9, "p99" 0.99) scale 0 noenhanced
set link y2
set logscale x
set grid xtics ytics y2tics lt 1 lw 1 lc rgb "#e4e4e4" back
set yrange [0:1.02]

if (strlen(png) > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10"
	set output png
} else {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
}
plot for [i=0:n-1] data index i using 1:2 with steps lt i+1 notitle, \
     for [i=0:n-1] data index i using 3:4 with linespoints lt i+1 ps 1.6 title columnheader(1)
unset output
if (strlen(png) > 0 && strlen(svg) > 0) {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
	replot
	unset output
}
