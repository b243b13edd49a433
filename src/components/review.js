// The annual review's own pieces (the PDF of `npm run pdf`, loaders/site/pdf.ts): its cover, the
// running head and foot Chromium prints on every page, and the stylesheet that joins the report's
// pages into one document. Pure: {t, fmt} in; HTML strings out, every text escaped.

const esc = (s) => String(s ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The first page's head: the review's title, the stamp, the contents; the summary follows on the same page. */
/** "Annual review 2025", "Annual review 2026 (partial: the year is not over)". */
export const reviewTitle = ({ period, partial = false }, { t }) => t(partial ? "review.titlePartial" : "review.title", { period });

export function reviewCover({ period, partial, sections, stamp }, { t }) {
  return `<header class="kam-review-cover">
    <p class="kam-review-kicker">${esc(t("site.title"))}</p>
    <h1>${esc(reviewTitle({ period, partial }, { t }))}</h1>
    ${stamp ? `<p class="kam-review-stamp">${esc(stamp)}</p>` : ""}
    <p class="kam-review-contents-title">${esc(t("review.contents"))}</p>
    <ol class="kam-review-contents">${sections.map((s) => `<li>${esc(s.title)}</li>`).join("")}</ol>
  </header>`;
}

// Chromium's header and footer templates: their own little documents (no page stylesheet), so
// every style is inline; pageNumber / totalPages are filled in by Chromium.
const band = "font-size:7.5pt;color:#555;width:100%;padding:0 12mm;display:flex;justify-content:space-between;font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;";

export function reviewHeader({ period, partial }, { t }) {
  return `<div style="${band}"><span>${esc(t("site.title"))}</span><span>${esc(reviewTitle({ period, partial }, { t }))}</span></div>`;
}

export function reviewFooter({ stamp }, { t }) {
  const page = esc(t("review.page")).replace("{page}", '<span class="pageNumber"></span>').replace("{pages}", '<span class="totalPages"></span>');
  return `<div style="${band}"><span>${esc(stamp)}</span><span>${page}</span></div>`;
}

/** The joined document's stylesheet (on top of the site's own print stylesheet). */
export const reviewStyle = `
  body.kam-review { margin: 0; padding: 0; max-width: none; font-size: 10.5pt; }
  .kam-review-section { container-type: inline-size; }
  .kam-review-break { break-before: page; }
  .kam-review-cover { border-bottom: 2px solid #0072B2; margin: 0 0 0.8rem; padding-bottom: 0.5rem; }
  .kam-review-cover h1 { font-size: 20pt; margin: 0.1rem 0 0.2rem; }
  .kam-review-kicker, .kam-review-stamp { margin: 0; color: #555; font-size: 9.5pt; }
  .kam-review-contents-title { margin: 0.4rem 0 0; font-size: 9pt; font-weight: 600; }
  .kam-review-contents { margin: 0; padding-left: 1.2rem; columns: 2; font-size: 9pt; }
  .kam-review-section > h1:first-child, .kam-review-section h1 { font-size: 15pt; margin: 0.2rem 0 0.3rem; }
  .kam-review-control { font-size: 9pt; color: #444; margin: 0.2rem 0; }
  /* a table that does not fit continues on the next page, its header repeated */
  .kam-table-block { break-inside: auto !important; page-break-inside: auto !important; }
  .kam-table-head { break-after: avoid; page-break-after: avoid; }
  table { break-inside: auto !important; page-break-inside: auto !important; }
  thead { display: table-header-group; }
  /* the long lists of the risks and value pages: a smaller face, so that fewer cells wrap */
  .kam-review-section table, .kam-review-section table.kam-stack { font-size: 8pt; }
  .kam-review-section table.kam-stack th, .kam-review-section table.kam-stack td { padding: 0.1rem 0.3rem; min-width: 3.4em; }
  thead th { position: static !important; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .kam-table-block.kam-review-keep, .kam-review-keep table { break-inside: avoid !important; page-break-inside: avoid !important; }
`;
