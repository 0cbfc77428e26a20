# downtime.gp - where each design's downtime comes from: a bar per design,
# stacked to 100% by the share of the system's downtime during which each
# tier (a direct child of the system) was down, its downtime per year in
# words above it.
#
# Run by nines (src/plot.c) as
#   gnuplot -c downtime.gp PNG SVG SHARES LABELS SEGMENTS NTIER OTHER NSCALED NDESIGNS
# PNG, SVG: output files, "" for a terminal not wanted.
# SHARES: tab-separated, a header (design, then a tier name per column,
#   then "other" when OTHER is 1), then a row per design: its name and the
#   percent of each column.  A tier name has the same column, so the same
#   colour, in every design.
# LABELS: a row per design: name, x, the text above the bar, the text in
#   it, and 100 for a bar drawn empty (never down, or no tier shares).
# SEGMENTS: x, middle and text of each part tall enough to hold its share.
# NTIER: tier columns in SHARES; OTHER: 1 when the last column is "other".
# NSCALED: designs whose shares added up past 100% and were scaled down.
# NDESIGNS: bars, at x = 0, 1, ...
# Names reach gnuplot only from the data files (xticlabels, columnheader),
# and all text is noenhanced: nothing in a name is interpreted.
png = ARG1
svg = ARG2
shares = ARG3
labels = ARG4
segments = ARG5
ntier = ARG6 + 0
other = ARG7 + 0
nscaled = ARG8 + 0
ndesigns = ARG9 + 0

set datafile separator "\t"
set datafile commentschars ""
set encoding utf8
# Paul Tol's light scheme: black text reads on every colour; grey is other.
set linetype 1 lc rgb "#77aadd"
set linetype 2 lc rgb "#ee8866"
set linetype 3 lc rgb "#eedd88"
set linetype 4 lc rgb "#ffaabb"
set linetype 5 lc rgb "#99ddff"
set linetype 6 lc rgb "#44bb99"
set linetype 7 lc rgb "#bbcc33"
set linetype 8 lc rgb "#aaaa00"
set linetype cycle 8

title = "Where each design's downtime comes from: the share of it during which each tier was down\n(the downtime per year above each bar)"
if (nscaled > 0) {
	title = title . "\n* tiers down at the same time: their shares add up to more than 100%, so the bar is scaled to fit"
}
set title title noenhanced
set ylabel "share of the system's downtime" noenhanced
set key outside right top vertical invert noenhanced Left reverse samplen 1.5
if (ntier + other > 0) { set key title "tier" left }
set border 3
set xtics nomirror noenhanced scale 0
set ytics 0, 20, 100 nomirror noenhanced format "%g%%"
set grid ytics lt 1 lw 1 lc rgb "#e4e4e4" back
# room for three bars at least, so that one bar is not the whole width
pad = (ndesigns < 3) ? (3 - ndesigns) / 2.0 + 0.5 : 0.6
set xrange [-pad:ndesigns - 1 + pad]
set yrange [0:112]
set style data histograms
set style histogram rowstacked
set boxwidth 0.6 relative
set style fill solid 1 border lc rgb "#555555"

if (strlen(png) > 0) {
	set terminal pngcairo size 1000,600 noenhanced font "sans,10"
	set output png
} else {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
}
plot for [k=2:ntier + 1] shares using k title columnheader(k) lc (k - 1), \
     for [k=ntier + 2:ntier + 1 + other] shares using k title columnheader(k) lc rgb "#dddddd", \
     labels using 2:(50):(0.3):(column(5) / 2) with boxxyerror fs empty lc rgb "#888888" dt 2 notitle, \
     labels using 2:(100):3:xticlabels(1) with labels offset 0,0.9 noenhanced notitle, \
     labels using 2:(50):4 with labels noenhanced notitle, \
     segments using 1:2:3 with labels noenhanced notitle
unset output
if (strlen(png) > 0 && strlen(svg) > 0) {
	set terminal svg size 1000,600 fixed noenhanced font "sans,10" background "white"
	set output svg
	replot
	unset output
}
