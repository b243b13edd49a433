// Plausible but invented Chinese company names with an English transliteration, and
// obviously synthetic contacts (phones 1380000xxxx, emails at example.com).
import type { Random } from "./random.ts";

export const REGIONS = ["华北", "华东", "华南", "华中", "西南", "西北", "东北"] as const;

/** Cities per region: [Chinese, pinyin]. */
const CITIES: Record<(typeof REGIONS)[number], [string, string][]> = {
  华北: [["唐山", "Tangshan"], ["邯郸", "Handan"], ["保定", "Baoding"], ["太原", "Taiyuan"], ["天津", "Tianjin"], ["包头", "Baotou"]],
  华东: [["苏州", "Suzhou"], ["无锡", "Wuxi"], ["宁波", "Ningbo"], ["常州", "Changzhou"], ["济南", "Jinan"], ["合肥", "Hefei"], ["温州", "Wenzhou"]],
  华南: [["佛山", "Foshan"], ["东莞", "Dongguan"], ["柳州", "Liuzhou"], ["湛江", "Zhanjiang"], ["泉州", "Quanzhou"]],
  华中: [["武汉", "Wuhan"], ["株洲", "Zhuzhou"], ["洛阳", "Luoyang"], ["襄阳", "Xiangyang"], ["湘潭", "Xiangtan"]],
  西南: [["重庆", "Chongqing"], ["成都", "Chengdu"], ["攀枝花", "Panzhihua"], ["昆明", "Kunming"], ["贵阳", "Guiyang"]],
  西北: [["西安", "Xi'an"], ["兰州", "Lanzhou"], ["银川", "Yinchuan"], ["宝鸡", "Baoji"], ["乌鲁木齐", "Urumqi"]],
  东北: [["鞍山", "Anshan"], ["本溪", "Benxi"], ["沈阳", "Shenyang"], ["齐齐哈尔", "Qiqihar"], ["长春", "Changchun"]],
};

/** Trade-name syllables: [Chinese, pinyin]. Two are combined into a 字号. */
const SYLLABLES: [string, string][] = [
  ["恒", "Heng"], ["泰", "Tai"], ["宏", "Hong"], ["达", "Da"], ["鑫", "Xin"], ["盛", "Sheng"], ["华", "Hua"],
  ["联", "Lian"], ["瑞", "Rui"], ["祥", "Xiang"], ["永", "Yong"], ["昌", "Chang"], ["金", "Jin"], ["丰", "Feng"],
  ["广", "Guang"], ["源", "Yuan"], ["隆", "Long"], ["兴", "Xing"], ["宇", "Yu"], ["新", "Xin"], ["志", "Zhi"],
  ["远", "Yuan"], ["顺", "Shun"], ["诚", "Cheng"], ["德", "De"], ["安", "An"], ["凯", "Kai"],
  ["通", "Tong"], ["嘉", "Jia"], ["润", "Run"], ["茂", "Mao"], ["弘", "Hong"], ["骏", "Jun"], ["鼎", "Ding"], ["晟", "Sheng"],
  ["峰", "Feng"], ["立", "Li"], ["天", "Tian"], ["正", "Zheng"], ["铭", "Ming"],
];

/** Industries with the words used in names: [industry, name word, English word]. */
export const INDUSTRIES = [
  ["钢铁", "钢铁", "Iron & Steel"],
  ["有色金属", "金属材料", "Metal Materials"],
  ["汽车零部件", "汽车部件", "Auto Parts"],
  ["机械制造", "机械制造", "Machinery Manufacturing"],
  ["矿山", "矿业", "Mining"],
  ["电力", "电力设备", "Power Equipment"],
  ["造纸", "纸业", "Paper"],
  ["建材", "建材", "Building Materials"],
] as const;

const FORMS: [string, string][] = [
  ["有限公司", "Co., Ltd."],
  ["股份有限公司", "Co., Ltd. (Joint Stock)"],
  ["有限责任公司", "Co., Ltd."],
];

export interface CompanyName {
  name: string;
  nameEn: string;
  region: string;
  city: string;
}

/** A unique company name in `region`/`industry`; `taken` keeps names unique. */
export function companyName(rng: Random, region: (typeof REGIONS)[number], industry: number, taken: Set<string>): CompanyName {
  const [, word, wordEn] = INDUSTRIES[industry];
  for (let attempt = 0; ; attempt++) {
    const [city, cityEn] = rng.pick(CITIES[region]);
    const a = rng.pick(SYLLABLES);
    let b = rng.pick(SYLLABLES);
    while (b[0] === a[0]) b = rng.pick(SYLLABLES);
    const [form, formEn] = rng.weighted(FORMS, [6, 2, 1]);
    // after a few collisions, number the branch so large scales still get unique names
    const branch = attempt < 8 ? "" : `第${attempt - 7}`;
    const branchEn = attempt < 8 ? "" : ` No.${attempt - 7}`;
    const name = `${city}${a[0]}${b[0]}${word}${branch}${form}`;
    if (taken.has(name)) continue;
    taken.add(name);
    const nameEn = `${cityEn} ${a[1]}${b[1].toLowerCase()} ${wordEn}${branchEn} ${formEn}`;
    return { name, nameEn, region, city };
  }
}

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚"];

/** A generic two-character person name (invented, fake). */
export const personName = (rng: Random) => rng.pick(SURNAMES) + rng.pick(GIVEN);

/** The sales team: fixed, invented names. */
export const SALES_REPS = [
  "赵一鸣", "钱晓东", "孙立新", "李文静", "周海涛", "吴建国", "郑思远", "王晓燕",
  "冯志强", "陈佳怡", "褚明辉", "卫东升", "蒋丽华", "沈国庆", "韩雪梅", "杨振宇",
];

/** Obviously synthetic contact details for customer number `n`. */
export function contact(n: number, city: string) {
  const tail = String(n % 10000).padStart(4, "0");
  return {
    phone: `1380000${tail}`,
    email: `contact${String(n).padStart(6, "0")}@example.com`,
    address: `${city}市示例工业园区${(n % 97) + 1}号`,
  };
}
