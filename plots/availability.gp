# availability.gp - the nines of each design, with confidence intervals.
#
# Run by nines (src/plot.c) as
#   gnuplot -c availability.gp PNG SVG DATA CLIP NCLIPPED LEVEL LABELWIDTH
# PNG, SVG: output files, "" for a terminal not wanted.
# DATA: one row per design, tab-separated: name, x, mean, ci_low, ci_high
#   (nines, clipped at CLIP), the y of the "clipped" marker or NaN, the text
#   printed above the bar.
# CLIP: where infinite nines are drawn; NCLIPPED: how many values are.
# LEVEL: confidence level in percent, 0 when the designs differ.
# LABELWIDTH: characters of all the names together, to tilt long ones.
# Names reach gnuplot only from DATA, and all text is noenhanced: nothing
# in a name is interpreted.
png = ARG1
svg = ARG2
data = ARG3
clip = ARG4 + 0
nclipped = ARG5 + 0
level = ARG6 + 0
labelwidth = ARG7 + 0

set datafile separator "\t"
set datafile commentschars ""
set encoding utf8
set linetype 1 lc rgb "#4477aa" lw 1.5
set linetype 2 lc rgb "#ee6677" lw 1.5

conf = (level > 0) ? sprintf("%g%% confidence interval", level) : "confidence interval"
set title "Availability of each design, in nines" noenhanced
set ylabel "nines = -log10(unavailability)" noenhanced
set key below noenhanced Left reverse
set border 3
set xtics nomirror noenhanced scale 0
set ytics nomirror noenhanced
if (labelwidth > 90) { set xtics rotate by -30 left }
set grid ytics lt 1 lw 1 lc rgb "#e4e4e4" back
set offsets 0.5, 0.5, 0, 0
set yrange [0:clip * 1.15]
set style fill solid 0.55 border lc rgb "#223355"

if (strlen(png) > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10"
	set output png
} else {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
}
if (nclipped > 0) {
	plot data using 2:3:4:5:(0.3):xticlabels(1) with boxerrorbars lc 1 \
		title sprintf("mean, with its %s", conf), \
	     data using 2:5:7 with labels offset 0,1.2 noenhanced notitle, \
	     data using 2:6 with points pt 9 ps 1.8 lc 2 \
		title sprintf("infinite (upper end of the interval, or never seen down): clipped at %g", clip)
} else {
	plot data using 2:3:4:5:(0.3):xticlabels(1) with boxerrorbars lc 1 \
		title sprintf("mean, with its %s", conf), \
	     data using 2:5:7 with labels offset 0,1.2 noenhanced notitle
}
unset output
if (strlen(png) > 0 && strlen(svg) > 0) {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
	replot
	unset output
}
