# fit.gp - laws fitted to observed durations (nines fit --plot): the
# data's CDF as steps (the empirical CDF, Kaplan-Meier when some rows are
# censored) and each fitted law's CDF as a line, on a log time axis.
#
# Run by nines (src/fit/fit_plot.c) as
#   gnuplot -c fit.gp PNG SVG DATA CURVES LABELS NLAWS CENSORED
# PNG, SVG: output files, "" for a terminal not wanted.
# DATA: the data's CDF, tab-separated rows: hours, CDF after the step; the
#   first row holds the first step's start at CDF 0, the last the end of
#   the observed range.
# CURVES: one block per law, best first, blocks separated by two blank
#   lines; a block's first line is its key title, then rows: hours, CDF.
# LABELS: one row: the title (it holds the data file's name).
# NLAWS: blocks in CURVES.  CENSORED: 1 when the data's CDF is Kaplan-Meier.
# The file name is user text: it reaches gnuplot only from LABELS (read
# into a variable by stats, never evaluated), and all text is noenhanced.
png = ARG1
svg = ARG2
data = ARG3
curves = ARG4
labels = ARG5
n = ARG6 + 0
censored = ARG7 + 0

set datafile separator "\t"
set datafile commentschars ""
set encoding utf8
title = ""
stats labels using (title = strcol(1), 0) nooutput

set linetype 1 lc rgb "#4477aa" lw 2
set linetype 2 lc rgb "#ee6677" lw 2
set linetype 3 lc rgb "#228833" lw 2
set linetype 4 lc rgb "#ccbb44" lw 2
set linetype cycle 4

datakey = censored ? "data: Kaplan-Meier estimate (censored rows)" : "data: empirical CDF"
set key top left noenhanced Left reverse width 2 box opaque
set border 3
set xtics nomirror noenhanced
set ytics nomirror noenhanced
set logscale x
set autoscale xfix
set format x "%g"
set yrange [0:1]
set xlabel "duration, hours (log scale)" noenhanced
set ylabel "probability that a duration is no longer" noenhanced
set grid xtics ytics lt 1 lw 1 lc rgb "#e4e4e4" back

do for [out = 1:2] {
	file = (out == 1) ? png : svg
	if (strlen(file) > 0) {
		if (out == 1) {
			set terminal pngcairo size 1000,650 noenhanced font "sans,10"
		} else {
			set terminal svg size 1000,650 fixed noenhanced font "sans,10" background "white"
		}
		set output file
		set title title noenhanced
		plot data using 1:2 with steps lw 2 lc rgb "#222222" title datakey, \
		     for [i=0:n-1] curves index i using 1:2 with lines lt i+1 title columnheader(1)
		unset output
	}
}
