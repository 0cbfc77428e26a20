# outages.gp - distribution of the system's outage durations, one line per
# design: the fraction of outages no longer than x minutes.
#
# Run by nines (src/plot.c) as
#   gnuplot -c outages.gp PNG SVG DATA NDESIGNS
# PNG, SVG: output files, "" for a terminal not wanted.
# DATA: one block per design, blocks separated by two blank lines; a
#   block's first line is the design's name, then rows of minutes and
#   cumulative fraction, tab-separated.  A design without outages has a
#   block with its name alone, so that colours match the other plots.
# Names reach gnuplot only from DATA, and all text is noenhanced: nothing
# in a name is interpreted.
png = ARG1
svg = ARG2
data = ARG3
n = ARG4 + 0

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

set title "How long the system's outages last" noenhanced
set xlabel "outage duration, minutes (log scale)" noenhanced
set ylabel "fraction of outages no longer" noenhanced
set key bottom right noenhanced box opaque
set border 3
set xtics nomirror noenhanced
set ytics nomirror noenhanced
set logscale x
set grid xtics ytics lt 1 lw 1 lc rgb "#e4e4e4" back
set yrange [0:1.02]

if (strlen(png) > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10"
	set output png
} else {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
}
plot for [i=0:n-1] data index i using 1:2 with steps lt i+1 title columnheader(1)
unset output
if (strlen(png) > 0 && strlen(svg) > 0) {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
	replot
	unset output
}
