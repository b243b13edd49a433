import { z } from "zod";
import { column, customerId, lineage } from "./column.ts";

/** A quality claim (质量索赔): the quality losses a customer caused or suffered. */
export const QualityClaim = z.object({
  customer_id: customerId(),
  claim_date: column("date", {
    required: true,
    aliases: ["索赔日期", "日期", "claim_date", "claim date", "date"],
    description: "Date of the claim.",
  }),
  amount: column("number", {
    required: true,
    aliases: ["索赔金额", "质量损失", "损失金额", "金额", "amount", "claim amount"],
    description: "Amount of the claim (质量损失) in the reporting currency.",
  }),
  reason: column("text", { aliases: ["原因", "索赔原因", "reason"], description: "Reason given (optional)." }),
  ...lineage,
});
