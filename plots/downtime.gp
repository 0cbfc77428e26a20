# downtime.gp - downtime per year of each design, and of each of its tiers
# (the direct children of the system) taken on its own.
#
# Run by nines (src/plot.c) as
#   gnuplot -c downtime.gp PNG SVG BARS DESIGNS LEVEL LABELWIDTH
# PNG, SVG: output files, "" for a terminal not wanted.
# BARS: one row per bar, tab-separated: label (tier name, or "system" for
#   the whole design), x, mean, ci_low, ci_high (minutes per year), kind
#   (1 the system, 2 a tier), the text printed above the bar.
# DESIGNS: one row per design: name, x of the middle of its bars.
# LEVEL: confidence level in percent, 0 when the designs differ.
# LABELWIDTH: characters of all the bar labels together, to tilt long ones.
# Tiers overlap (a tier's downtime may or may not be the system's), so the
# bars are side by side, never stacked.  Names reach gnuplot only from the
# data files, and all text is noenhanced: nothing in a name is interpreted.
png = ARG1
svg = ARG2
bars = ARG3
designs = ARG4
level = ARG5 + 0
labelwidth = ARG6 + 0

set datafile separator "\t"
set datafile commentschars ""
set encoding utf8
set linetype 1 lc rgb "#4477aa" lw 1.5
set linetype 2 lc rgb "#88bbdd" lw 1.5

conf = (level > 0) ? sprintf("%g%% confidence intervals", level) : "confidence intervals"
set title "Downtime per year of each tier (tiers overlap: they do not add up to the system)" noenhanced
set ylabel "minutes per year" noenhanced
set key below noenhanced Left reverse
set border 3
set xtics nomirror noenhanced scale 0
if (labelwidth > 100) { set xtics rotate by -30 left }
set x2tics noenhanced scale 0
set link x2
set ytics nomirror noenhanced
set grid ytics lt 1 lw 1 lc rgb "#e4e4e4" back
set offsets 0.6, 0.6, 0, 0
set yrange [0:*]
set style fill solid 0.8 border lc rgb "#223355"

if (strlen(png) > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10"
	set output png
} else {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
}
plot bars using 2:3:4:5:(0.4):6:xticlabels(1) with boxerrorbars lc variable notitle, \
     bars using 2:5:7 with labels offset 0,0.8 noenhanced notitle, \
     designs using 2:(0):x2ticlabels(1) axes x2y1 with points ps 0 notitle, \
     keyentry with boxes lc 1 title "whole system", \
     keyentry with boxes lc 2 title "tier (a direct part of the system), on its own", \
     keyentry with yerrorbars lc rgb "#000000" pt -1 title conf
unset output
if (strlen(png) > 0 && strlen(svg) > 0) {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
	replot
	unset output
}
