// Small pieces of the dossier page (src/accounts/[id].md): why a figure is not available, the
// badges that say why the customer has a dossier, the CLV caveats. Pure: {t, fmt} passed in;
// DOM built with textContent only.
import { indicatorLabel, stateLabel } from "./tiers.js";

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text != null) e.textContent = text;
  return e;
}

/** A period's label for tables and axes: 2025, "2026 (partial)", "Trailing window" (`short`: 2026*, Window). */
export const periodLabel = (r, { t, short = false }) =>
  r.period_kind === "window" || r.period === "window"
    ? t(short ? "dossier.windowShort" : "filter.window")
    : r.is_partial ? (short ? `${r.period}*` : t("filter.partial", { period: r.period })) : String(r.period);

/** The analysis of marts.data_availability behind each dossier part. */
const analysisOf = { margin: "gross_margin", collection: "collection_rate", visits: "visits", claims: "quality_claims" };

/** Whether the data supports a part at all (marts.data_availability: status is not not_available). */
export const supported = (what, availability) => availability.find((a) => a.analysis === analysisOf[what])?.status !== "not_available";

/**
 * Why a figure is not available: the exports do not carry what it needs at all
 * (marts.data_availability), or they do but not for this customer here. `block` gives a
 * paragraph for a section, else the text.
 */
export function notAvailable(what, { availability, t, block = false }) {
  const text = t(supported(what, availability) ? `dossier.na.${what}Customer` : `dossier.na.${what}`);
  if (!block) return text;
  return el("p", "kam-na", text);
}

/** Why the growth of a period is not available (customer_metrics.growth_reason). */
export const growthNote = (row, { t }) => (row?.growth_reason ? t.or(`dossier.growth.${row.growth_reason}`, row.growth_reason) : null);

/** Why this customer has a dossier: its state in the window (a tier, inactive, lost), at risk, rising. */
export function badges(profile, { t }) {
  const box = el("p", "kam-badges");
  if (profile.state) box.append(el("span", `kam-badge kam-badge-${profile.state}`, stateLabel(profile.state, { t })));
  if (profile.is_at_risk) box.append(el("span", "kam-badge kam-badge-risk", t("dossier.badge.atRisk")));
  if (profile.is_rising) box.append(el("span", "kam-badge kam-badge-rising", t("dossier.badge.rising")));
  if (!profile.is_key && profile.was_key) box.append(el("span", "kam-badge kam-badge-was", t("dossier.badge.wasKey", { n: profile.key_periods })));
  return box;
}

/** What moved an account at risk (marts.at_risk_accounts): one sentence per signal that slipped. */
export function riskSignals(r, { t, fmt }) {
  const out = [];
  if (r.recency_slips) out.push(t("dossier.signal.recency", { days: fmt.integer(r.recency_days), ratio: fmt.number(r.recency_ratio, 1), gap: fmt.integer(r.typical_gap_days) }));
  if (r.frequency_slips) out.push(t("dossier.signal.frequency", { recent: fmt.integer(r.purchases_recent), before: fmt.integer(r.purchases_recent_before) }));
  if (r.value_slips) out.push(t("dossier.signal.value", { growth: fmt.change(r.growth), revenue: fmt.money(r.revenue), before: fmt.money(r.previous_revenue) }));
  if (r.collection_slips) out.push(t("dossier.signal.collection", { rate: fmt.percent(r.collection_rate), before: fmt.percent(r.previous_collection_rate) }));
  return out;
}

/**
 * The differentiated policy the account has earned (marts.customer_policy): each favour with
 * the conditions it rests on (met ✓, not met ✗, unknown ?), and the discount warning.
 */
export function policyList(p, { t, fmt }) {
  const ul = el("ul", "kam-policy");
  const mark = (v) => (v == null ? "?" : v ? "✓" : "✗");
  const cond = (key, v, params = {}) => `${mark(v)} ${t(`dossier.cond.${key}`, params)}`;
  const item = (eligible, label, conditions) => {
    const li = el("li", eligible ? "kam-yes" : "kam-no");
    li.append(el("strong", null, t(eligible ? "dossier.policy.yes" : "dossier.policy.no", { favour: t(`dossier.favour.${label}`) })));
    li.append(el("span", "muted", ` ${conditions.join(t("list.sep"))}`));
    return li;
  };
  ul.append(
    item(p.discount_eligible, "discount", [cond("largeVolume", p.large_volume, { rank: fmt.integer(p.volume_rank) }), cond("goodCollection", p.good_collection, { rate: fmt.percent(p.collection_rate) })]),
    item(p.looser_terms_eligible, "terms", [cond("highPrice", p.high_price, { index: fmt.number(p.price_index, 2) }), cond("stable", p.stable_contracts, { regularity: fmt.percent(p.regularity, 0) })]),
    item(p.more_service_eligible, "service", [cond("noDisputes", p.no_quality_disputes, { claims: fmt.money(p.claims) })]),
  );
  if (p.tier !== "key" && p.tier !== "regular") ul.append(el("li", "muted", t("dossier.policy.noPlan", { tier: stateLabel(p.tier, { t }) })));
  if (p.discount_warning) ul.append(el("li", "kam-flag", `⚠ ${t("dossier.policy.warning", { share: fmt.percent(p.discount_margin_share, 0), discount: fmt.money(p.discount) })}`));
  return ul;
}

/** Points with their sign: +1.9, −0.4. */
export function signed(v, fmt, digits = 1) {
  if (v == null || !Number.isFinite(v)) return fmt.missing;
  const text = new Intl.NumberFormat(fmt.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Math.abs(v));
  // a value that rounds to zero has no sign
  return `${Number(text.replace(/[^\d.]/g, "")) === 0 ? "" : v > 0 ? "+" : "−"}${text}`;
}

/** The indicators that moved a customer between two ratings (key_account_changes.driver_1..3), with their points. */
export function drivers(r, { t, fmt }) {
  const parts = [1, 2, 3]
    .map((k) => [r[`driver_${k}`], r[`driver_${k}_points`]])
    .filter(([d, p]) => d != null && p != null)
    .map(([d, p]) => `${indicatorLabel(d, { t })} ${signed(p, fmt)}`);
  return parts.length ? parts.join(t("list.sep")) : t("dossier.noDrivers");
}

/**
 * What a reader must know before trusting this customer's CLV and P(alive) (marts.clv_customers
 * and the fit's diagnostics in marts.clv_model, full-history fit): an unsound fit, Gamma-Gamma's
 * independence assumption in doubt, an uninformative P(alive), value on revenue (no cost).
 */
export function clvCaveats(clv, model, { t, fmt }) {
  if (!clv) return [t("dossier.na.clv")];
  const full = (name) => model.find((m) => m.model === name && m.fit_window === "full") ?? model.find((m) => m.model === name);
  const bg = full("bgnbd");
  const gg = full("gammagamma");
  const out = [];
  if (clv.fit_status && clv.fit_status !== "ok") out.push(t.or(`dossier.clv.${clv.fit_status}`, clv.fit_status));
  else if (bg && bg.status !== "ok") out.push(t.or(`dossier.clv.${bg.status}`, bg.status));
  if (gg && gg.independence_ok === false) out.push(t("dossier.clv.independence", { r: fmt.number(gg.frequency_spend_correlation, 2) }));
  if (clv.p_alive_informative === false) out.push(t("dossier.clv.pAliveUninformative"));
  if (clv.history === "none") out.push(t("dossier.clv.noRepeat"));
  if (clv.spend_basis === "own_mean") out.push(t("dossier.clv.ownMean"));
  if (clv.value_basis === "revenue") out.push(t("dossier.clv.onRevenue"));
  return out;
}

/** A titled section of the page (h2 + content). */
export function section(title, children) {
  const s = el("section", "kam-section");
  s.append(el("h2", null, title), ...children);
  return s;
}

const ruleClause = /^(\w+) (-?[\d.]+(?:e-?\d+)?) (<=|>=|<>|<|>|=) (-?[\d.]+(?:e-?\d+)?)( \(lost\))?$/;

/**
 * A lifecycle rule's reason (marts.lifecycle_stages.reason: "growth -0.395 <= -0.3 and …", the
 * stage's conditions with the customer's values) in the page's language, each value formatted
 * by what it is; text that does not follow that grammar is shown as it is.
 */
export function ruleReason(reason, { t, fmt }) {
  if (reason == null) return "";
  if (reason === "no earlier rule applies") return t("rule.noEarlier");
  const value = (metric, v) => {
    const n = Number(v);
    if (metric === "growth") return fmt.change(n);
    if (metric === "regularity") return fmt.percent(n, 0);
    if (metric === "revenue" || metric === "previous_revenue") return fmt.money(n);
    return fmt.number(n, 1);
  };
  const clauses = reason.split(" and ").map((c) => {
    const m = ruleClause.exec(c);
    if (!m) return null;
    const [, metric, v, op, threshold] = m;
    const sign = { "<=": "≤", ">=": "≥", "<>": "≠" }[op] ?? op;
    // a trailing "(lost)" repeats the stage the reason is shown with
    return t("rule.clause", { metric: t.or(`rule.metric.${metric}`, metric), value: value(metric, v), op: sign, threshold: value(metric, threshold) });
  });
  return clauses.every(Boolean) ? clauses.join(t("rule.and")) : reason;
}
