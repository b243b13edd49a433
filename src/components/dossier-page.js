// The dossier of one customer (/accounts/<slug>, src/accounts/[id].md): everything on it is a row of
// a mart, picked for this customer by the one archive loader src/data/accounts.tar.js (one query per
// section over every dossier customer); nothing is summed here. The page only loads the files and
// displays what this returns: Framework parses and transpiles a page's code once PER dossier, a
// module's once for all of them (404 dossiers on the sample), so the code lives here.
import {dossierTitle} from "./site.js";
import {martRows} from "./marts.js";
import {figure} from "./charts.js";
import {kpiCard, kpiGrid} from "./kpi.js";
import {stackTable, factList} from "./stack-table.js";
import {dossierIndex, customerSearch} from "./dossiers.js";
import {stateLabel, indicatorLabel} from "./tiers.js";
import {monthlyRevenueChart, monthlyMarginChart, mixChart, visitsChart, scoreBreakdownChart, scoreHistoryChart} from "./dossier-charts.js";
import {badges, notAvailable, supported, periodLabel, growthNote, clvCaveats, ruleReason, policyList, riskSignals, drivers, signed} from "./dossier.js";

/**
 * The dossier's blocks, in reading order (each a DOM node to display).
 * @param files {dossierFile, indexFile, indexHref, paramsFile, clvModelFile, availabilityFile}: the
 *   page's FileAttachment JSONs (indexHref: the index file's URL, for the site's root)
 * @param env {html, resize, locale, t, fmt}: Framework's htl `html` and `resize`, the page's locale
 */
export function dossierPage({dossierFile, indexFile, indexHref, paramsFile, clvModelFile, availabilityFile}, {html, resize, locale, t, fmt}) {
  const out = [];
  const dossiers = dossierIndex(indexFile, indexHref);
  const S = Object.fromEntries(Object.entries(dossierFile.sections).map(([name, block]) => [name, martRows(block)]));
  const params = martRows(paramsFile).rows[0];
  const clvModel = martRows(clvModelFile).rows;
  const availability = martRows(availabilityFile).rows;
  const profile = S.profile.rows[0];
  const metrics = S.metrics.rows;
  const byWindow = (rows) => rows.find((r) => r.period === "window");
  const win = byWindow(metrics);
  const years = metrics.filter((r) => r.period_kind === "year");
  const rfm = S.rfm.rows[0];
  const clv = S.clv.rows[0];
  const lifecycle = byWindow(S.lifecycle.rows);
  const score = byWindow(S.scorecard.rows);
  const state = byWindow(S.states.rows);
  const risk = byWindow(S.at_risk.rows);
  const rising = byWindow(S.rising.rows);
  const policy = byWindow(S.policy.rows);
  const when = (r) => periodLabel(r, {t});
  const windowText = t("dossier.window", {start: fmt.date(params.window_start), end: fmt.date(params.window_end)});
  document.title = dossierTitle(locale, profile.customer_name);
  document.querySelector("#observablehq-main")?.classList.add("kam-dossier", "kam-dense");

  out.push(html`<div class="kam-dossier-head">
    <div>
      <h1>${profile.customer_name}</h1>
      <p class="kam-dossier-id">${[
        `${t("col.customerId")} ${profile.customer_id}`,
        profile.region, profile.industry,
        profile.sales_rep ? t("dossier.owner", {rep: profile.sales_rep}) : t("dossier.noOwner"),
        win?.credit_rating ? t("dossier.credit", {rating: win.credit_rating}) : null,
      ].filter(Boolean).join(" · ")}</p>
      ${badges({...profile, state: state?.state}, {t})}
    </div>
    ${customerSearch(dossiers, {t})}
  </div>`);
  out.push(html`<p class="kam-lede">${t("dossier.lede", {date: fmt.date(params.analysis_date), window: windowText})}</p>`);

  // headline figures: the trailing window (period = 'window' of each mart); a customer that bought
  // nothing there has no customer_metrics row: its revenue is customer_states' (0, known) and it has
  // no margin, collection or score (nothing to measure)
  const silent = !win?.is_rated;
  const gap = risk?.typical_gap_days ?? win?.typical_gap_days;
  out.push(kpiGrid([
    kpiCard({label: t("dossier.kpi.revenue"), value: fmt.money(win?.revenue ?? state?.revenue), changeValue: win?.growth, change: win?.growth != null ? t("dossier.vsBefore", {change: fmt.change(win.growth)}) : silent ? null : growthNote(win, {t}), note: silent ? t("dossier.noPurchase") : null}),
    kpiCard({label: t("dossier.kpi.margin"), value: fmt.percent(win?.gross_margin), note: win?.gross_margin != null ? t("dossier.grossProfit", {profit: fmt.money(win.gross_profit)}) : silent ? t("dossier.noPurchase") : notAvailable("margin", {availability, t})}),
    kpiCard({label: t("dossier.kpi.score"), value: score ? fmt.number(score.score, 0) : fmt.missing, note: score ? t("dossier.scoreNote", {tier: stateLabel(score.tier, {t}), rank: fmt.integer(score.score_rank), n: fmt.integer(score.n_rated)}) : t("dossier.notRated")}),
    kpiCard({label: t("dossier.kpi.collection"), value: fmt.percent(win?.collection_rate), note: win?.collection_rate != null ? t("dossier.daysToPay", {days: fmt.integer(win.days_to_pay)}) : silent ? t("dossier.noPurchase") : notAvailable("collection", {availability, t})}),
    kpiCard({label: t("dossier.kpi.lastPurchase"), value: fmt.date(rfm?.last_purchase_date ?? win?.last_purchase_date), note: rfm ? (gap != null ? t("dossier.recency", {days: fmt.integer(rfm.recency_days), gap: fmt.integer(gap)}) : t("dossier.recencyOnly", {days: fmt.integer(rfm.recency_days)})) : null, flag: risk ? t("dossier.atRiskFlag") : null}),
    kpiCard({label: t("dossier.kpi.clv", {months: fmt.integer(clvModel[0]?.horizon_months)}), value: fmt.money(clv?.clv), note: clv?.p_alive != null ? t("dossier.pAlive", {p: fmt.percent(clv.p_alive, 0)}) : t("dossier.na.clv"), flag: clvCaveats(clv, clvModel, {t, fmt}).length ? t("dossier.clvFlag") : null}),
    kpiCard({label: t("dossier.kpi.rfm"), value: rfm ? t(`rfm.${rfm.segment}`) : fmt.missing, note: rfm ? t("dossier.rfmScores", {r: rfm.r_score, f: rfm.f_score, m: rfm.m_score}) : null}),
    kpiCard({label: t("dossier.kpi.lifecycle"), value: lifecycle ? t(`stage.${lifecycle.stage}`) : fmt.missing, note: lifecycle ? ruleReason(lifecycle.reason, {t, fmt}) : null}),
  ]));

  // why it is on the watch list, what it may earn, and what to watch out for
  const attention = [];
  if (risk) attention.push(html`<div class="card kam-attention kam-attention-risk">
    <h2>${t("dossier.riskTitle", {stake: fmt.money(risk.revenue_at_stake)})}</h2>
    <ul>${riskSignals(risk, {t, fmt}).map((s) => html`<li>${s}</li>`)}</ul>
  </div>`);
  if (rising) attention.push(html`<div class="card kam-attention kam-attention-rising">
    <h2>${t("dossier.risingTitle")}</h2>
    <p>${t("dossier.risingText", {growth: fmt.change(rising.growth), before: fmt.change(rising.before_growth), regularity: fmt.percent(rising.regularity, 0), rank: fmt.integer(rising.star_rank)})}</p>
  </div>`);
  attention.push(html`<div class="card kam-attention">
    <h2>${t("dossier.policyTitle")}</h2>
    ${policy ? policyList(policy, {t, fmt}) : html`<p class="kam-na">${t("dossier.na.policy")}</p>`}
  </div>`);
  out.push(html`<div class="grid grid-cols-${Math.min(3, attention.length)} kam-attention-row">${attention}</div>`);

  out.push(html`<h2>${t("dossier.scoreTitle")}</h2>`);
  const windowIndicators = S.indicators.rows.filter((r) => r.period === "window");
  if (score && windowIndicators.length) {
    out.push(html`<div class="grid grid-cols-2">
      <div>${figure(t("dossier.breakdownChart", {score: fmt.number(score.score, 0), window: windowText}), resize((width) => scoreBreakdownChart(windowIndicators, {width, t, fmt})), score.absent_indicators ? t("dossier.absentNote", {list: score.absent_indicators.split(",").map((i) => indicatorLabel(i.trim(), {t})).join(t("list.sep"))}) : t("dossier.breakdownCaption"))}</div>
      <div>${figure(t("dossier.historyChart"), resize((width) => scoreHistoryChart(S.states.rows.map((r) => ({...r, when: periodLabel(r, {t, short: true})})), {width, t, fmt})), t("dossier.historyCaption"))}</div>
    </div>`);
    out.push(stackTable(windowIndicators, {
      title: t("dossier.indicatorsTable", {window: windowText}),
      filename: `dossier-${profile.customer_id}-scorecard.csv`,
      t, fmt, units: S.indicators.units,
      columns: [["indicator", t("dossier.col.indicator")], ["value", t("dossier.col.indicatorValue")], ["score", t("dossier.col.indicatorScore")], ["effective_weight", t("dossier.col.weight")], ["contribution", t("dossier.col.points")]],
      labels: {
        indicator: (v) => indicatorLabel(v, {t}),
        value: (v, i, rows) => indicatorValue(rows[i], {t, fmt}),
        score: (v, i, rows) => (rows[i].is_absent ? t("dossier.absent") : fmt.number(v, 0)),
        contribution: (v) => fmt.number(v, 1),
      },
      csv: {indicator: (v) => v, value: (v) => v, score: (v) => v, contribution: (v) => v},
      compact: true,
    }));
  } else out.push(html`<p class="kam-na">${t("dossier.notRatedLong")}</p>`);

  // the tier history and the re-ratings: the states per period (customer_states, lifecycle_stages) and
  // the indicators that moved the customer from one period to the next (key_account_changes)
  const stageOf = new Map(S.lifecycle.rows.map((r) => [r.period, r]));
  const history = S.states.rows.map((r) => ({...r, stage: stageOf.get(r.period)?.stage, reason: stageOf.get(r.period)?.reason}));
  out.push(stackTable(history, {
    title: t("dossier.statesTable"),
    filename: `dossier-${profile.customer_id}-tiers.csv`,
    t, fmt, units: {...S.states.units, stage: "category", reason: "text"},
    columns: [["period", t("col.period")], ["state", t("dossier.col.tier")], ["score", t("dossier.col.score")], ["score_rank", t("dossier.col.rank")], ["stage", t("dossier.col.stage")], ["reason", t("dossier.col.stageReason")]],
    labels: {period: (v, i, rows) => when(rows[i]), state: (v) => stateLabel(v, {t}), score: (v) => fmt.number(v, 1), stage: (v) => (v ? t(`stage.${v}`) : fmt.missing), reason: (v) => ruleReason(v, {t, fmt})},
    csv: {period: (v) => v, state: (v) => v, stage: (v) => v, reason: (v) => v},
  }));
  const changes = S.changes.rows;
  if (changes.length) out.push(stackTable(changes, {
    title: t("dossier.changesTable"),
    filename: `dossier-${profile.customer_id}-re-rating.csv`,
    t, fmt, units: S.changes.units,
    columns: [["period", t("col.period")], ["previous_state", t("dossier.col.from")], ["state", t("dossier.col.to")], ["key_change", t("dossier.col.keyChange")], ["score_change", t("dossier.col.scoreChange")], ["driver_1", t("dossier.col.drivers")]],
    labels: {
      period: (v, i, rows) => `${rows[i].previous_period} → ${v}`,
      previous_state: (v) => stateLabel(v, {t}), state: (v) => stateLabel(v, {t}),
      key_change: (v) => (v == null ? fmt.missing : t(`dossier.keyChange.${v}`)),
      score_change: (v) => signed(v, fmt),
      driver_1: (v, i, rows) => drivers(rows[i], {t, fmt}),
    },
    csv: {period: (v) => v, previous_state: (v) => v, state: (v) => v, key_change: (v) => v, score_change: (v) => v, driver_1: (v, i, rows) => drivers(rows[i], {t, fmt})},
  }));

  out.push(html`<h2>${t("dossier.trendTitle")}</h2>`);
  const months = S.months.rows;
  out.push(figure(t("dossier.revenueChart"), resize((width) => monthlyRevenueChart(months, {width, t, fmt})), t("dossier.revenueCaption")));
  if (months.some((m) => m.gross_margin != null)) out.push(figure(t("dossier.marginChart"), resize((width) => monthlyMarginChart(months, {width, t, fmt}))));
  else out.push(notAvailable("margin", {availability, t, block: true}));
  out.push(stackTable(metrics, {
    title: t("dossier.yearsTable"),
    filename: `dossier-${profile.customer_id}-periods.csv`,
    t, fmt, units: S.metrics.units,
    columns: [
      ["period", t("col.period")], ["revenue", t("col.revenue")], ["growth", t("dossier.col.growth")],
      ["gross_profit", t("kpi.grossProfit")], ["gross_margin", t("dossier.col.margin")],
      ["purchases", t("dossier.col.purchases")], ["price_index", t("dossier.col.priceIndex")],
      ["regularity", t("dossier.col.regularity")], ["cost_to_serve_ratio", t("dossier.col.costToServe")],
    ],
    labels: {period: (v, i, rows) => when(rows[i])},
    csv: {period: (v) => v},
  }));

  out.push(html`<h2>${t("dossier.mixTitle")}</h2>`);
  const mix = S.mix.rows;
  const mixLabel = (r) => (r.is_other ? t("dossier.mixOther") : r.category ?? t("dossier.mixNone"));
  // colours follow the categories' order in the window (then the other periods), not their labels
  const order = [...new Map([...mix.filter((r) => r.period_kind === "window"), ...mix].map((r) => [mixLabel(r), r])).values()];
  if (mix.length) {
    out.push(figure(t(mix[0].mix_basis === "product" ? "dossier.mixChartProducts" : "dossier.mixChart"), resize((width) => mixChart(mix, {width, t, fmt, label: mixLabel, order, periodLabel: when}))));
    out.push(stackTable(mix.filter((r) => r.period_kind === "window"), {
      title: t("dossier.mixTable", {window: windowText}),
      filename: `dossier-${profile.customer_id}-mix.csv`,
      t, fmt, units: S.mix.units,
      columns: [["category", t("dossier.col.category")], ["revenue", t("col.revenue")], ["revenue_share", t("col.revenueShare")], ["gross_margin", t("dossier.col.margin")]],
      labels: {category: (v, i, rows) => mixLabel(rows[i])},
      compact: true,
    }));
  } else out.push(html`<p class="kam-na">${t("dossier.na.mix")}</p>`);

  out.push(html`<h2>${t("dossier.creditTitle")}</h2>`);
  if (!supported("collection", availability)) out.push(notAvailable("collection", {availability, t, block: true}));
  else out.push(stackTable(metrics, {
    title: t("dossier.creditTable"),
    filename: `dossier-${profile.customer_id}-collection.csv`,
    t, fmt, units: S.metrics.units,
    columns: [["period", t("col.period")], ["invoiced", t("dossier.col.invoiced")], ["collected", t("dossier.col.collected")], ["collection_rate", t("dossier.col.collection")], ["days_to_pay", t("dossier.col.daysToPay")], ["on_time_share", t("dossier.col.onTime")]],
    labels: {period: (v, i, rows) => when(rows[i])},
    csv: {period: (v) => v},
    caption: t("dossier.creditNote", {lag: fmt.integer(params.credit_lag_days)}),
  }));

  // visits (走访) and quality claims side by side
  const visitsPart = !supported("visits", availability) ? notAvailable("visits", {availability, t, block: true})
    : years.some((r) => r.visits > 0) ? figure(t("dossier.visitsChart", {visits: fmt.integer(win?.visits ?? 0), window: windowText}), resize((width) => visitsChart(years, {width, t, fmt, periodLabel: when})))
    : html`<p>${t("dossier.noVisits")}</p>`;
  const claimsPart = !supported("claims", availability) ? notAvailable("claims", {availability, t, block: true}) : stackTable(metrics, {
    title: t("dossier.claimsTable"),
    filename: `dossier-${profile.customer_id}-claims.csv`,
    t, fmt, units: S.metrics.units,
    columns: [["period", t("col.period")], ["claims", t("dossier.col.claims")], ["claims_share", t("dossier.col.claimsShare")], ["visit_hours", t("dossier.col.visitHours")]],
    labels: {period: (v, i, rows) => when(rows[i])},
    csv: {period: (v) => v},
    compact: true,
  });
  out.push(html`<div class="grid grid-cols-2">
    <div><h2>${t("dossier.visitsTitle")}</h2>${visitsPart}</div>
    <div><h2>${t("dossier.claimsTitle")}</h2>${claimsPart}</div>
  </div>`);

  out.push(html`<h2>${t("dossier.valueTitle")}</h2>`);
  const caveats = clvCaveats(clv, clvModel, {t, fmt});
  const rfmFacts = rfm ? factList([
    [t("rfm.segment"), t(`rfm.${rfm.segment}`)],
    [t("dossier.col.recency"), fmt.integer(rfm.recency_days)],
    [t("dossier.col.frequency"), fmt.integer(rfm.frequency)],
    [t("dossier.col.monetary"), fmt.money(rfm.monetary)],
    [t("col.scores"), t("dossier.rfmScores", {r: rfm.r_score, f: rfm.f_score, m: rfm.m_score})],
  ]) : html`<p class="kam-na">${t("dossier.na.rfm")}</p>`;
  const clvFacts = clv ? factList([
    [t("dossier.col.pAlive"), fmt.percent(clv.p_alive, 0)],
    [t("dossier.col.expectedPurchases"), fmt.number(clv.expected_purchases, 1)],
    [t("dossier.col.expectedSpend"), fmt.money(clv.expected_avg_spend)],
    [t("dossier.col.clv"), fmt.money(clv.clv)],
  ]) : html`<p class="kam-na">${t("dossier.na.clv")}</p>`;
  out.push(html`<div class="grid grid-cols-2">
    <div><h3>${t("dossier.rfmTable")}</h3>${rfmFacts}</div>
    <div><h3>${t("dossier.clvTable", {months: fmt.integer(clvModel[0]?.horizon_months)})}</h3>${clvFacts}
    ${caveats.length ? html`<ul class="kam-caveats">${caveats.map((c) => html`<li>${c}</li>`)}</ul>` : html`<p class="muted">${t("dossier.clvSound")}</p>`}</div>
  </div>`);
  return out;
}

// an indicator's raw value in its own terms (key_account_indicators.value: unit "mixed")
function indicatorValue(r, {t, fmt}) {
  if (r.value == null) return fmt.missing;
  switch (r.indicator) {
    case "revenue": case "profit": return fmt.money(r.value);
    case "contract_volume": return fmt.compact(r.value);
    case "collection_rate": case "quality_losses": case "sustained_purchasing": return fmt.percent(r.value);
    case "growth": return fmt.change(r.value);
    case "credit": return t.or(`dossier.creditGrade.${r.value}`, fmt.number(r.value, 0));
    default: return fmt.number(r.value, 2);
  }
}
