// Currencies as exports write them (美元, US$, usd) and their ISO codes.

/** Names exports write for a currency, upper-cased, and their ISO codes. */
export const currencyNames: Readonly<Record<string, string>> = {
  人民币: "CNY", 人民币元: "CNY", 元: "CNY", RMB: "CNY", "¥": "CNY", "￥": "CNY", YUAN: "CNY",
  美元: "USD", "US$": "USD",
  欧元: "EUR", "€": "EUR",
  英镑: "GBP", "£": "GBP",
  港币: "HKD", 港元: "HKD", "HK$": "HKD",
  日元: "JPY", 円: "JPY",
  新台币: "TWD", "NT$": "TWD",
  澳元: "AUD", "A$": "AUD",
  加元: "CAD", "C$": "CAD",
  新加坡元: "SGD", "S$": "SGD",
  韩元: "KRW", "₩": "KRW",
  瑞士法郎: "CHF",
  卢布: "RUB",
  "₹": "INR",
};

/** ISO 4217 codes of currencies in use: a header's (VAT) or (NET) is not one. */
export const isoCurrencies: ReadonlySet<string> = new Set(
  ("CNY USD EUR GBP HKD JPY TWD MOP AUD NZD CAD SGD KRW CHF RUB INR SEK NOK DKK ISK PLN CZK HUF RON BGN UAH TRY " +
    "ZAR EGP NGN KES BRL MXN ARS CLP COP PEN THB MYR IDR PHP VND KZT PKR BDT LKR AED SAR QAR KWD BHD OMR ILS").split(" "),
);

/** The ISO code a currency is written as (USD for 美元, US$ or usd), or null when it names none. */
export function currencyCode(written: string): string | null {
  const w = written.normalize("NFKC").trim().toUpperCase();
  if (w in currencyNames) return currencyNames[w];
  return isoCurrencies.has(w) ? w : null;
}
