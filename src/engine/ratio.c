/* ratio.c - three-variable running moments for ratio estimators over
 * regenerative cycles (see ratio.h for why they become plain moments). */
#include "engine/ratio.h"

void ratio_init(struct ratio_moments *m)
{
	m->n = m->ma = m->mb = m->mc = 0;
	m->saa = m->sbb = m->scc = m->sab = m->sac = m->sbc = 0;
	m->nza = 0;
}

void ratio_add(struct ratio_moments *m, double a, double b, double c)
{
	double da = a - m->ma, db = b - m->mb, dc = c - m->mc;

	m->n += 1;
	if (a > 0)
		m->nza += 1;
	m->ma += da / m->n;
	m->mb += db / m->n;
	m->mc += dc / m->n;
	/* the old deviation times the new one: Welford's co-moment update */
	m->saa += da * (a - m->ma);
	m->sbb += db * (b - m->mb);
	m->scc += dc * (c - m->mc);
	m->sab += da * (b - m->mb);
	m->sac += da * (c - m->mc);
	m->sbc += db * (c - m->mc);
}

void ratio_merge(struct ratio_moments *a, const struct ratio_moments *b)
{
	double n, da, db, dc, w;

	if (b->n == 0)
		return;
	if (a->n == 0) {
		*a = *b;
		return;
	}
	n = a->n + b->n;
	da = b->ma - a->ma;
	db = b->mb - a->mb;
	dc = b->mc - a->mc;
	w = a->n * b->n / n;
	a->saa += b->saa + da * da * w;
	a->sbb += b->sbb + db * db * w;
	a->scc += b->scc + dc * dc * w;
	a->sab += b->sab + da * db * w;
	a->sac += b->sac + da * dc * w;
	a->sbc += b->sbc + db * dc * w;
	a->nza += b->nza;
	a->ma += da * b->n / n;
	a->mb += db * b->n / n;
	a->mc += dc * b->n / n;
	a->n = n;
}

void ratio_moments(const struct ratio_moments *m, struct moments *out)
{
	double ra, rb, k;

	moments_init(out);
	if (m->n == 0 || !(m->mc > 0))
		return;
	ra = m->ma / m->mc;
	rb = m->mb / m->mc;
	k = 1 / (m->mc * m->mc);
	out->n = m->n;
	out->nzx = m->nza;
	out->mx = ra;
	out->my = rb;
	/* co-deviations of u = (a - ra c) / E[c] and v = (b - rb c) / E[c];
	 * rounding may leave a variance a hair below 0 */
	out->sxx = (m->saa - 2 * ra * m->sac + ra * ra * m->scc) * k;
	out->syy = (m->sbb - 2 * rb * m->sbc + rb * rb * m->scc) * k;
	out->sxy = (m->sab - ra * m->sbc - rb * m->sac + ra * rb * m->scc) * k;
	if (out->sxx < 0)
		out->sxx = 0;
	if (out->syy < 0)
		out->syy = 0;
}
