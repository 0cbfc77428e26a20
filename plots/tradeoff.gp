# tradeoff.gp - what replication trades: each design as a point, the
# writes it loses a year (x) against the nines of its write availability
# (y), with both confidence intervals as error bars and its cost beside
# its name.
#
# Run by nines (src/plot.c) as
#   gnuplot -c tradeoff.gp PNG SVG DATA CLIP NCLIPPED LEVEL
# PNG, SVG: output files, "" for a terminal not wanted.
# DATA: one row per design that was measured, tab-separated: the label
#   (name, and its cost a year when it has one), the design's index (its
#   colour), lost writes a year (mean, ci_low, ci_high), write nines
#   (mean, ci_low, ci_high, clipped at CLIP).
# CLIP: where infinite nines (writes never impossible) are drawn;
# NCLIPPED: how many values are.  LEVEL: confidence level in percent, 0
# when the designs differ.
# Names reach gnuplot only from DATA, and all text is noenhanced: nothing
# in a name is interpreted.
png = ARG1
svg = ARG2
data = ARG3
clip = ARG4 + 0
nclipped = ARG5 + 0
level = ARG6 + 0

set datafile separator "\t"
set datafile commentschars ""
set encoding utf8
set linetype 1 lc rgb "#4477aa" lw 1.5 pt 7
set linetype 2 lc rgb "#ee6677" lw 1.5 pt 5
set linetype 3 lc rgb "#228833" lw 1.5 pt 9
set linetype 4 lc rgb "#ccbb44" lw 1.5 pt 11
set linetype 5 lc rgb "#66ccee" lw 1.5 pt 13
set linetype 6 lc rgb "#aa3377" lw 1.5 pt 15
set linetype 7 lc rgb "#bbbbbb" lw 1.5 pt 3
set linetype cycle 7

conf = (level > 0) ? sprintf("%g%% confidence intervals", level) : "confidence intervals"
set title sprintf("What replication trades: writes lost against write availability\n(each design a point, with its %s; up and to the left is better)", conf) noenhanced
set xlabel "writes lost per year (async replication: the last lag's writes at each failover)" noenhanced
set ylabel "write availability, nines = -log10(share of time writes were impossible)" noenhanced
set border 3
set xtics nomirror noenhanced
set ytics nomirror noenhanced
set grid xtics ytics lt 1 lw 1 lc rgb "#e4e4e4" back
set key off
set offsets graph 0.05, graph 0.25, graph 0.1, graph 0.1
set xrange [0:*]
set yrange [0:clip * 1.1]
if (nclipped > 0) {
	set label 1 sprintf("writes never impossible: drawn at %g nines", clip) at graph 0.02, first clip \
		offset 0,0.8 noenhanced tc rgb "#555555"
}

if (strlen(png) > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10"
	set output png
} else {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
}
plot data using 3:6:4:5:7:8:($2 + 1) with xyerrorbars lc variable ps 1.4 notitle, \
     data using 3:6:1:($2 + 1) with labels left offset 1,0.6 tc variable noenhanced notitle
unset output
if (strlen(png) > 0 && strlen(svg) > 0) {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
	replot
	unset output
}
