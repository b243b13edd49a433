// 中文标签。键的顺序与 en.js 相同。术语取自领域说明（二八法则、大客户、客户生命周期、回款率）。
export default {
  // site
  "site.title": "大客户分析报告",
  "nav.summary": "经营摘要",
  "nav.concentration": "客户集中度",
  "nav.segments": "客户分类",
  "nav.retention": "客户留存",
  "nav.dataQuality": "数据质量",
  "nav.methodology": "方法说明",

  // findings
  "finding.noData": "{year}年该筛选条件下没有销售。",
  "finding.revenue": "{year}年销售收入{revenue}，来自{customers}家客户。",
  "finding.revenueUp": "{year}年销售收入增长{change}，达到{revenue}。",
  "finding.revenueDown": "{year}年销售收入下降{change}，为{revenue}。",
  "finding.revenueFlat": "{year}年销售收入持平，为{revenue}。",
  "finding.needed": "{count}家客户（占客户总数的{customerShare}）贡献了{target}的销售收入。",
  "finding.topStrong": "前{fraction}的客户贡献了{share}的销售收入：二八法则成立。",
  "finding.topModerate": "前{fraction}的客户贡献了{share}的销售收入：收入较集中，但低于二八法则。",
  "finding.topWeak": "前{fraction}的客户仅贡献了{share}的销售收入：收入分布较分散。",
  "finding.profitVsRevenue": "按销售收入排名前{fraction}的客户贡献了{revenueShare}的销售收入和{profitShare}的毛利。",
  "finding.largest": "最大客户贡献了{share}的销售收入。",
  "finding.largestRisk": "风险：最大客户贡献了{share}的销售收入，超过{limit}的警戒线；一旦流失将严重影响全年销售。",
  "finding.lossMaking": "{count}家客户（占{share}）亏损，毛利合计为负{loss}。",
  "finding.noLossMaking": "没有毛利为负的客户。",
  "finding.keyAccounts": "大客户占客户总数的{customerShare}，贡献了{revenueShare}的销售收入。",
};
