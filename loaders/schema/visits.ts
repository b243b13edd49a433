import { z } from "zod";
import { column, customerId, lineage } from "./column.ts";

/** A visit to a customer (走访): who went, how long, what it cost. */
export const Visit = z.object({
  customer_id: customerId(),
  visit_date: column("date", {
    required: true,
    aliases: ["走访日期", "拜访日期", "日期", "visit_date", "visit date", "date"],
    description: "Date of the visit.",
  }),
  visit_type: column("visit_type", {
    required: true,
    aliases: ["走访类型", "拜访类型", "类型", "visit_type", "visit type", "type"],
    description: "leadership (高层拜访), technical (技术交流) or business (商务拜访).",
  }),
  hours: column("number", {
    aliases: ["工时", "小时", "时长", "hours", "duration"],
    description: "Hours spent (optional).",
  }),
  cost: column("number", { aliases: ["费用", "成本", "cost", "expense"], description: "Cost of the visit (optional)." }),
  ...lineage,
});
