// KPI cards and the findings list: DOM built with textContent only (text from exports stays text).

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text != null) e.textContent = text;
  return e;
}

/**
 * A headline figure: label, value, and an optional change line coloured by direction
 * (`good` says whether up is good: for loss-making customers it is not).
 */
export function kpiCard({ label, value, change, changeValue, note, flag, good = true }) {
  const card = el("div", "card kam-kpi");
  card.append(el("h2", null, label), el("span", "big", value));
  if (change) {
    const dir = changeValue == null || changeValue === 0 ? "flat" : (changeValue > 0) === good ? "good" : "bad";
    card.append(el("div", `kam-change kam-${dir}`, change));
  }
  if (flag) card.append(el("div", "kam-flag", `⚠ ${flag}`));
  if (note) card.append(el("div", "kam-note muted", note));
  return card;
}

/** A row of KPI cards (responsive grid). */
export function kpiGrid(cards) {
  const grid = el("div", "grid grid-cols-4 kam-kpis");
  grid.append(...cards);
  return grid;
}

/** A list of written findings: text, or a DOM node (a sentence with its customer names linked: dossiers.js linkedText). */
export function findingsList(sentences) {
  const ul = el("ul", "kam-findings");
  for (const s of sentences) {
    const li = el("li");
    li.append(s instanceof Node ? s : document.createTextNode(String(s)));
    ul.append(li);
  }
  return ul;
}

