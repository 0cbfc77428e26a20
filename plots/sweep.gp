# sweep.gp - a design over a range of a parameter (nines sweep): its nines
# (top) and downtime per year (bottom) against the parameter, simulated
# with a confidence band and exact as a dashed line, a curve per value of
# a second parameter, and one key for both panels.  A parameter of
# categories (a list of words) is drawn at 0, 1, 2... with its values as
# tic labels: each point with its interval as an error bar and exact as
# an open circle, no line between categories.
#
# Run by nines (src/plot.c) as
#   gnuplot -c sweep.gp PNG SVG DATA LABELS NCURVES XAXIS LEVEL CLIP NCLIPPED
# PNG, SVG: output files, "" for a terminal not wanted.
# DATA: one block per curve, blocks separated by two blank lines; a block's
#   first line is the curve's name, then one row per point, tab-separated:
#   x; nines mean, ci_low, ci_high, exact (clipped at CLIP); downtime mean,
#   ci_low, ci_high, exact (minutes per year).
# LABELS: a row, tab-separated: the title, the x axis label; then with
#   categories a row per category, its tic label.
# XAXIS: 0 a linear x axis, 1 a log x axis, 2 categories.  LEVEL: confidence level in percent, 0 unknown.
# CLIP: where infinite nines are drawn; NCLIPPED: how many values are.
# The design's name, the parameter's path or label and its values are
# user text: they reach
# gnuplot only from the data files (read into variables by stats, never
# evaluated), and all text is noenhanced.
png = ARG1
svg = ARG2
data = ARG3
labels = ARG4
n = ARG5 + 0
xaxis = ARG6 + 0
level = ARG7 + 0
clip = ARG8 + 0
nclipped = ARG9 + 0

set datafile separator "\t"
set datafile commentschars ""
set encoding utf8
title = ""
xlabel = ""
stats labels every ::0::0 using (title = strcol(1), xlabel = strcol(2), 0) nooutput

set linetype 1 lc rgb "#4477aa" lw 2
set linetype 2 lc rgb "#ee6677" lw 2
set linetype 3 lc rgb "#228833" lw 2
set linetype 4 lc rgb "#ccbb44" lw 2
set linetype 5 lc rgb "#66ccee" lw 2
set linetype 6 lc rgb "#aa3377" lw 2
set linetype 7 lc rgb "#bbbbbb" lw 2
set linetype cycle 7

what = (xaxis == 2) ? "interval" : "band"
conf = (level > 0) ? sprintf("simulated: %g%% confidence %s", level, what) : "simulated: confidence " . what
# one key for both panels, above the upper one: the panels keep the same
# width, so that their x axes line up
set key above noenhanced Left reverse width 2
set border 3
set xtics nomirror noenhanced
set ytics nomirror noenhanced
set format y "%g"
set grid xtics ytics lt 1 lw 1 lc rgb "#e4e4e4" back
set style fill transparent solid 0.2 noborder
if (xaxis == 1) { set logscale x }
set autoscale xfix
set offsets graph 0.02, graph 0.02, 0, 0
if (xaxis == 2) {
	# the categories at 0, 1, 2..., named by the rows after the first
	stats labels every ::1 using (0) nooutput
	ncat = STATS_records
	set xtics () rotate by -30
	do for [k = 0:ncat - 1] {
		stats labels every ::(k + 1)::(k + 1) using (tic = strcol(1), 0) nooutput
		set xtics add (tic k)
	}
	set offsets 0.5, 0.5, 0, 0
	set grid noxtics ytics
}
# the same left margin in both panels, so that their x axes line up
set lmargin 12

do for [out = 1:2] {
	file = (out == 1) ? png : svg
	if (strlen(file) > 0) {
		if (out == 1) {
			set terminal pngcairo size 1100,800 noenhanced font "sans,10"
		} else {
			set terminal svg size 1100,800 fixed noenhanced font "sans,10" background "white"
		}
		set output file
		set multiplot layout 2,1 title title . "\n" noenhanced
		unset xlabel
		set ylabel "nines = -log10(unavailability)" noenhanced
		set yrange [*:*]
		if (nclipped > 0) {
			set label 1 sprintf("infinite nines (an interval's upper end, or never down) drawn at %g", clip) \
				at graph 0.01, graph 0.95 noenhanced
		}
		set key on
		if (xaxis == 2) {
		plot for [i=0:n-1] data index i using 1:2:3:4 with yerrorbars pt 7 ps 0.8 lt i+1 \
			title columnheader(1), \
		     for [i=0:n-1] data index i using 1:5 with points pt 6 ps 1.4 lt i+1 notitle, \
		     keyentry with points pt 6 ps 1.4 lc rgb "#555555" title "exact (steady state)", \
		     keyentry with yerrorbars pt 7 ps 0.8 lc rgb "#555555" title conf
		} else {
		plot for [i=0:n-1] data index i using 1:3:4 with filledcurves lt i+1 notitle, \
		     for [i=0:n-1] data index i using 1:2 with linespoints pt 7 ps 0.6 lt i+1 \
			title columnheader(1), \
		     for [i=0:n-1] data index i using 1:5 with lines dt 2 lt i+1 notitle, \
		     keyentry with lines dt 2 lc rgb "#555555" title "exact (steady state)", \
		     keyentry with filledcurves fs solid 0.35 border lc rgb "#555555" lc rgb "#777777" title conf
		}
		unset label 1
		set key off
		set xlabel xlabel noenhanced
		set ylabel "downtime, minutes per year" noenhanced
		set yrange [0:*]
		if (xaxis == 2) {
		plot for [i=0:n-1] data index i using 1:6:7:8 with yerrorbars pt 7 ps 0.8 lt i+1 notitle, \
		     for [i=0:n-1] data index i using 1:9 with points pt 6 ps 1.4 lt i+1 notitle
		} else {
		plot for [i=0:n-1] data index i using 1:7:8 with filledcurves lt i+1 notitle, \
		     for [i=0:n-1] data index i using 1:6 with linespoints pt 7 ps 0.6 lt i+1 notitle, \
		     for [i=0:n-1] data index i using 1:9 with lines dt 2 lt i+1 notitle
		}
		unset multiplot
		unset output
	}
}
