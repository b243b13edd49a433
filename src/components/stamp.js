// The report's stamp, "Data to Sep 30, 2026 · report built Dec 1, 2026", shown in the footer of
// every page (observablehq.config.ts via site.js) and of every page of the PDF annual review
// (loaders/cli/commands/pdf.ts). The dates come from loaders/site/stamp.ts. Pure: {t, fmt} in.

/** The stamp as text; parts that are unknown are left out. */
export function stampText({ dataEnd, built } = {}, { t, fmt }) {
  const parts = [];
  if (dataEnd) parts.push(t("stamp.dataEnd", { date: fmt.date(dataEnd) }));
  if (built) parts.push(t("stamp.built", { date: fmt.date(built) }));
  return parts.join(" · ");
}

const escapeHtml = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The footer's HTML: the stamp, then the report's name. */
export function stampFooter(stamp, { t, fmt }) {
  const text = stampText(stamp, { t, fmt });
  return (text ? `<span class="kam-stamp">${escapeHtml(text)}</span> · ` : "") + escapeHtml(t("site.footer"));
}
