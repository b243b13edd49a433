import { z } from "zod";
import { column, customerId, lineage } from "./column.ts";

/** The customer record (客户档案). Derived from order_lines (id, name) when no export is configured. */
export const Customer = z.object({
  customer_id: customerId({ key: true }),
  name: column("text", {
    // The specific before the generic: a CRM export's "Name" is the contact when "Account Name" is there.
    aliases: ["客户名称", "客户全称", "account name", "customer name", "company name", "名称", "name"],
    description: "Customer name.",
  }),
  name_en: column("text", {
    aliases: ["英文名称", "英文名", "name_en", "english name", "name (en)"],
    description: "English name.",
  }),
  region: column("text", { aliases: ["地区", "区域", "省份", "所属地区", "region", "area"], description: "Region." }),
  country: column("text", { aliases: ["国家", "国家/地区", "country", "country/region"], description: "Country." }),
  industry: column("text", { aliases: ["行业", "所属行业", "industry", "sector"], description: "Industry." }),
  channel: column("text", {
    aliases: ["渠道", "客户类型", "客户类别", "channel", "customer type", "segment", "customer segment", "type"],
    description: "Channel or customer type.",
  }),
  sales_rep: column("text", {
    aliases: ["业务员", "销售代表", "客户经理", "负责人", "sales_rep", "sales rep", "salesperson", "account manager"],
    description: "Sales representative in charge.",
  }),
  credit_rating: column("rating", {
    aliases: ["信用等级", "信用评级", "信用", "credit_rating", "credit rating", "credit"],
    description: "Credit rating A/B/C/D (优/良/中/差 are read as A/B/C/D).",
  }),
  industry_influence: column("influence", {
    aliases: ["行业影响力", "影响力", "industry_influence", "industry influence", "influence"],
    description: "Influence in its industry, 1 (low) to 5 (high).",
  }),
  contact_name: column("text", {
    private: true,
    aliases: ["联系人", "contact_name", "contact name", "contact"],
    description: "Contact person (private).",
  }),
  phone: column("text", {
    private: true,
    aliases: ["联系电话", "电话", "手机", "phone", "telephone", "mobile"],
    description: "Phone number (private).",
  }),
  email: column("text", {
    private: true,
    aliases: ["电子邮箱", "邮箱", "email", "e-mail"],
    description: "E-mail address (private).",
  }),
  address: column("text", {
    private: true,
    aliases: ["地址", "联系地址", "address"],
    description: "Postal address (private).",
  }),
  ...lineage,
});
