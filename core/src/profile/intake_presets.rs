//! Preset screening rules (SPEC §5). Topic keywords follow the seven-class list of RULES.md
//! §2.2; the unit table is the sample city's (the units of `crate::generator`, which mirror
//! the seed's 承办单位, seed lines 一.三 and 二). Exclusion terms follow RULES.md §1.4, motion
//! markers §1.1 (代表法 Art 15), draft markers §1.5.

use crate::directory::System;

use super::intake::{
    DraftRules, ExclusionReason, ExclusionRule, MotionMarkers, RoutingRules, ScreeningRules,
    SimilarityRules, SystemTerms, TopicTerms, UnitRule, WeightedTerm,
};
use super::Proportion;

fn terms(list: &[(&str, u32)]) -> Vec<WeightedTerm> {
    list.iter()
        .map(|&(term, weight)| WeightedTerm {
            term: term.to_owned(),
            weight,
        })
        .collect()
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|&s| s.to_owned()).collect()
}

fn ppm(v: u32) -> Proportion {
    Proportion::from_ppm(v).unwrap_or(Proportion(0))
}

fn topic(topic: &str, list: &[(&str, u32)]) -> TopicTerms {
    TopicTerms {
        topic: topic.to_owned(),
        terms: terms(list),
    }
}

#[rustfmt::skip]
/// Topic keyword tables for the seven-class preset (RULES.md §2.2).
fn topic_terms() -> Vec<TopicTerms> {
    vec![
        topic(
            "finance_economy",
            &[
                ("财政", 3), ("税收", 3), ("减税降费", 4), ("营商环境", 4), ("民营经济", 4), ("中小企业", 4),
                ("小微企业", 4), ("融资", 3), ("贷款", 2), ("金融", 3), ("招商引资", 4), ("产业链", 3), ("制造业", 3),
                ("数字经济", 4), ("消费", 2), ("餐饮业", 3), ("商贸", 3), ("市场主体", 3), ("股权投资", 4), ("预算", 3), ("专项债", 4), ("对口协作", 3),
                ("债务", 3), ("国有企业", 3), ("开发区", 2), ("外贸", 3), ("物流", 2), ("夜间经济", 4), ("专精特新", 4),
                ("市场监管", 2), ("价格", 1), ("电商", 3),
            ],
        ),
        topic(
            "agriculture",
            &[
                ("农业", 3), ("农村", 3), ("农民", 3), ("乡村振兴", 5), ("种粮", 4), ("耕地", 3), ("高标准农田", 5),
                ("农田水利", 4), ("灌溉", 3), ("合作社", 3), ("农产品", 4), ("种植", 2), ("养殖", 3), ("畜牧", 3),
                ("渔业", 3), ("粮食", 3), ("宅基地", 3), ("村集体", 3), ("集体经济", 3), ("职业农民", 3), ("饮水安全", 3), ("土地流转", 4), ("农机", 4), ("种业", 4),
                ("茶叶", 2), ("果蔬", 2), ("乡村旅游", 3), ("村庄", 2), ("村民", 2), ("农村电商", 4), ("乡村物流", 3),
            ],
        ),
        topic(
            "social",
            &[
                ("养老", 4), ("老年人", 3), ("托育", 4), ("婴幼儿", 3), ("社区", 2), ("就业", 4), ("社保", 4),
                ("社会保障", 4), ("医保", 4), ("医疗保障", 4), ("低保", 4), ("残疾人", 4), ("困难群众", 3), ("托养", 3), ("救助", 3),
                ("农民工", 3), ("欠薪", 4), ("劳动者", 3), ("灵活就业", 4), ("退役军人", 3), ("妇女儿童", 3),
                ("食品安全", 3), ("安全生产", 4), ("应急", 3), ("消防", 3), ("志愿服务", 3),
                ("未成年人", 2), ("长期护理", 4), ("助餐", 3),
            ],
        ),
        topic(
            "education_culture_health",
            &[
                ("教育", 3), ("学校", 3), ("教师", 3), ("学生", 3), ("中小学", 4), ("幼儿园", 3), ("职业教育", 4),
                ("高校", 3), ("课后服务", 4), ("双减", 4), ("医院", 3), ("医疗", 3), ("医生", 3), ("基层医疗", 4),
                ("卫生", 2), ("公共卫生", 4), ("疫苗", 3), ("中医药", 4), ("心理健康", 3), ("文化", 3), ("文物", 4),
                ("非遗", 4), ("图书馆", 3), ("旅游", 2), ("体育", 3), ("全民健身", 4), ("科技创新", 4), ("科研", 3),
                ("人才", 2), ("研发", 3), ("近视", 3), ("学位", 3), ("医共体", 4), ("地方志", 3), ("档案", 2),
            ],
        ),
        topic(
            "environment_construction",
            &[
                ("环境", 2), ("生态", 3), ("污染", 4), ("垃圾分类", 5), ("污水", 4), ("河道", 3), ("水质", 3),
                ("大气", 3), ("扬尘", 4), ("噪音", 3), ("噪声", 3), ("碳达峰", 4), ("绿化", 3), ("公园", 3),
                ("城市更新", 4), ("老旧小区", 5), ("加装电梯", 5), ("停车", 4), ("交通", 3), ("道路", 3), ("公交", 4),
                ("地铁", 4), ("拥堵", 4), ("充电桩", 4), ("住房", 3), ("保障性住房", 4), ("房地产", 3), ("规划", 2),
                ("市政", 3), ("排水", 3), ("内涝", 4), ("城市管理", 3), ("供水", 3), ("河湖", 3), ("路灯", 3), ("违章建筑", 3), ("燃气", 3), ("物业", 3),
                ("拆迁", 3), ("房屋征收", 4),
            ],
        ),
        topic(
            "democracy_law",
            &[
                ("法治", 4), ("立法", 4), ("地方性法规", 5), ("执法", 3), ("司法", 4), ("法院", 4), ("检察", 4),
                ("公益诉讼", 5), ("审判", 4), ("诉讼", 3), ("矛盾纠纷", 4), ("调解", 3), ("普法", 4), ("法律援助", 4),
                ("公安", 3), ("治安", 4), ("电信诈骗", 5), ("反诈", 5), ("基层治理", 3), ("信访", 3), ("人大代表", 3), ("司法保护", 4), ("公共法律服务", 4),
                ("代表履职", 4), ("监督", 2), ("政务公开", 3), ("民主", 3),
            ],
        ),
    ]
}

fn unit(id: &str, name: &str, system: System, topics: &[&str], list: &[(&str, u32)]) -> UnitRule {
    UnitRule {
        unit: id.to_owned(),
        name: name.to_owned(),
        system,
        topics: words(topics),
        terms: terms(list),
    }
}

#[rustfmt::skip]
/// The sample city's units (the generator's directory) with their keywords.
fn seed_city_units() -> Vec<UnitRule> {
    use System::{Congress, Court, Government, PartyMass, Procuratorate};
    vec![
        unit(
            "U-ZZB", "市委组织部",
            PartyMass,
            &["democracy_law"],
            &[("干部", 3), ("党建", 4), ("人才引进", 2)],
        ),
        unit(
            "U-XCB", "市委宣传部",
            PartyMass,
            &["education_culture_health"],
            &[("宣传", 3), ("精神文明", 4), ("文明城市", 3), ("媒体", 2)],
        ),
        unit(
            "U-TZB", "市委统战部",
            PartyMass,
            &["other"],
            &[("统战", 4), ("民族宗教", 4), ("侨务", 4), ("港澳台", 3)],
        ),
        unit(
            "U-ZFW", "市委政法委",
            PartyMass,
            &["democracy_law"],
            &[("平安建设", 4), ("网格", 3), ("矛盾纠纷", 3), ("综治", 4)],
        ),
        unit(
            "U-ZGH", "市总工会",
            PartyMass,
            &["social"],
            &[
                ("职工", 3), ("工会", 4), ("劳模", 3), ("新就业形态", 3), ("户外劳动者", 4),
            ],
        ),
        unit(
            "U-TSW", "团市委",
            PartyMass,
            &["social", "education_culture_health"],
            &[("青少年", 4), ("青年", 3), ("共青团", 4)],
        ),
        unit(
            "U-FL", "市妇联",
            PartyMass,
            &["social"],
            &[("妇女", 4), ("家庭教育", 3), ("妇女儿童", 4), ("家暴", 4)],
        ),
        unit(
            "U-KX", "市科协",
            PartyMass,
            &["education_culture_health"],
            &[("科普", 4), ("科技工作者", 3)],
        ),
        unit(
            "U-FGW", "市发展和改革委员会",
            Government,
            &["finance_economy"],
            &[
                ("发展规划", 4), ("重大项目", 3), ("价格", 3), ("产业链", 2), ("营商环境", 3), ("数字经济", 2),
                ("碳达峰", 2), ("制造业", 3), ("专精特新", 4), ("技术改造", 3), ("对口协作", 4), ("对口支援", 4), ("节能降耗", 3),
            ],
        ),
        unit(
            "U-CZJ", "市财政局",
            Government,
            &["finance_economy"],
            &[
                ("财政", 4), ("预算", 4), ("专项资金", 3), ("政府采购", 3), ("补贴", 2), ("债务", 3), ("专项债", 4), ("债券", 3),
            ],
        ),
        unit(
            "U-SWJ", "市商务局",
            Government,
            &["finance_economy"],
            &[
                ("商务", 3), ("消费", 3), ("餐饮业", 3), ("外贸", 4), ("电商", 3), ("夜间经济", 3), ("招商引资", 3),
                ("商贸", 3),
            ],
        ),
        unit(
            "U-JRB", "市地方金融监督管理局",
            Government,
            &["finance_economy"],
            &[
                ("金融", 4), ("融资", 4), ("贷款", 3), ("股权投资", 4), ("上市", 3), ("担保", 3),
            ],
        ),
        unit(
            "U-SCJ", "市市场监督管理局",
            Government,
            &["finance_economy", "social"],
            &[
                ("市场监管", 4), ("食品安全", 4), ("市场主体", 3), ("质量", 2), ("广告", 2), ("知识产权", 3),
            ],
        ),
        unit(
            "U-NYJ", "市农业农村局",
            Government,
            &["agriculture"],
            &[
                ("农业", 3), ("高标准农田", 4), ("种粮", 4), ("农产品", 3), ("农机", 4), ("养殖", 3), ("种业", 4),
                ("合作社", 3), ("畜牧", 3), ("职业农民", 4), ("高素质农民", 4),
            ],
        ),
        unit(
            "U-SLJ", "市水利局",
            Government,
            &["agriculture", "environment_construction"],
            &[
                ("水利", 4), ("灌溉", 4), ("农田水利", 4), ("防汛", 4), ("河道", 3), ("水库", 4), ("河长制", 4), ("供水", 4), ("饮水安全", 4), ("河湖", 4),
            ],
        ),
        unit(
            "U-XCZ", "市乡村振兴局",
            Government,
            &["agriculture"],
            &[
                ("乡村振兴", 4), ("脱贫", 4), ("帮扶", 3), ("乡村旅游", 2), ("村集体", 3), ("集体经济", 3),
            ],
        ),
        unit(
            "U-MZJ", "市民政局",
            Government,
            &["social"],
            &[
                ("养老", 4), ("低保", 4), ("救助", 3), ("社区", 2), ("殡葬", 4), ("社会组织", 3), ("助餐", 3),
                ("困境儿童", 4), ("残疾人", 4), ("托养", 3),
            ],
        ),
        unit(
            "U-RSJ", "市人力资源和社会保障局",
            Government,
            &["social"],
            &[
                ("就业", 4), ("社保", 4), ("社会保障", 3), ("欠薪", 4), ("农民工", 3), ("技能培训", 4), ("灵活就业", 4),
                ("职称", 3),
            ],
        ),
        unit(
            "U-YBJ", "市医疗保障局",
            Government,
            &["social", "education_culture_health"],
            &[
                ("医保", 5), ("医疗保障", 4), ("报销", 3), ("长期护理", 4), ("集采", 4),
            ],
        ),
        unit(
            "U-YJJ", "市应急管理局",
            Government,
            &["social"],
            &[("应急", 4), ("安全生产", 4), ("防灾", 3), ("消防", 2)],
        ),
        unit(
            "U-JYJ", "市教育局",
            Government,
            &["education_culture_health"],
            &[
                ("教育", 3), ("学校", 3), ("教师", 4), ("中小学", 4), ("幼儿园", 4), ("课后服务", 4), ("双减", 4),
                ("学生", 3), ("职业教育", 3), ("近视", 2), ("学位", 4),
            ],
        ),
        unit(
            "U-WJW", "市卫生健康委员会",
            Government,
            &["education_culture_health"],
            &[
                ("医院", 4), ("医疗", 3), ("医生", 3), ("基层医疗", 4), ("公共卫生", 4), ("疫苗", 4), ("中医药", 4),
                ("心理健康", 3), ("托育", 3), ("卫生", 2), ("医共体", 5), ("健康体检", 4),
            ],
        ),
        unit(
            "U-WLJ", "市文化广电和旅游局",
            Government,
            &["education_culture_health"],
            &[
                ("文化", 3), ("旅游", 4), ("文物", 4), ("非遗", 4), ("图书馆", 3), ("体育", 3), ("全民健身", 4),
                ("景区", 4), ("游览", 3),
            ],
        ),
        unit(
            "U-KJJ", "市科学技术局",
            Government,
            &["education_culture_health"],
            &[
                ("科技创新", 4), ("科研", 3), ("研发", 4), ("高新技术企业", 4), ("成果转化", 4),
            ],
        ),
        unit(
            "U-ZJJ", "市住房和城乡建设局",
            Government,
            &["environment_construction"],
            &[
                ("住房", 4), ("老旧小区", 4), ("加装电梯", 5), ("物业", 4), ("保障性住房", 4), ("房地产", 4),
                ("城市更新", 3), ("建筑", 2), ("燃气", 3), ("房屋征收", 4), ("拆迁", 3),
            ],
        ),
        unit(
            "U-ZRJ", "市自然资源和规划局",
            Government,
            &["environment_construction", "agriculture"],
            &[
                ("规划", 3), ("国土空间", 4), ("耕地", 3), ("宅基地", 3), ("用地", 3), ("不动产", 4),
            ],
        ),
        unit(
            "U-HJJ", "市生态环境局",
            Government,
            &["environment_construction"],
            &[
                ("污染", 4), ("生态环境", 4), ("大气", 3), ("水质", 3), ("扬尘", 3), ("噪声", 3), ("噪音", 3),
                ("碳达峰", 3), ("环保", 3), ("生态保护", 3),
            ],
        ),
        unit(
            "U-JTJ", "市交通运输局",
            Government,
            &["environment_construction"],
            &[
                ("交通", 3), ("公交", 5), ("道路", 3), ("客运", 4), ("出租车", 4), ("公路", 4), ("地铁", 3),
                ("物流", 2),
            ],
        ),
        unit(
            "U-CGJ", "市城市管理局",
            Government,
            &["environment_construction"],
            &[
                ("城市管理", 4), ("垃圾分类", 5), ("停车", 3), ("违章建筑", 4), ("市容", 4), ("绿化", 3), ("公园", 3),
                ("排水", 3), ("内涝", 3), ("占道", 4), ("摊贩", 4), ("路灯", 4),
            ],
        ),
        unit(
            "U-GAJ", "市公安局",
            Government,
            &["democracy_law", "social"],
            &[
                ("公安", 4), ("治安", 4), ("电信诈骗", 5), ("反诈", 5), ("交通违法", 4), ("户籍", 4), ("交警", 4),
                ("电动自行车", 3),
            ],
        ),
        unit(
            "U-SFJ", "市司法局",
            Government,
            &["democracy_law"],
            &[
                ("普法", 4), ("法律援助", 5), ("人民调解", 4), ("公证", 4), ("律师", 3), ("行政执法", 3), ("公共法律服务", 5),
            ],
        ),
        unit(
            "U-XFJ", "市信访局",
            Government,
            &["democracy_law"],
            &[("信访", 4), ("来访", 3)],
        ),
        unit(
            "U-ZY", "市中级人民法院",
            Court,
            &["democracy_law"],
            &[
                ("法院", 5), ("审判", 5), ("执行难", 5), ("诉讼服务", 4), ("诉源治理", 4), ("破产审判", 4),
            ],
        ),
        unit(
            "U-JCY", "市人民检察院",
            Procuratorate,
            &["democracy_law"],
            &[
                ("检察", 5), ("公益诉讼", 5), ("检察院", 5), ("未成年人检察", 5), ("未成年人司法保护", 5),
            ],
        ),
        unit(
            "U-RDB", "市人大常委会办公室",
            Congress,
            &["democracy_law", "other"],
            &[
                ("人大代表", 4), ("代表履职", 5), ("代表之家", 5), ("立法", 3), ("地方性法规", 3), ("人大常委会", 4),
            ],
        ),
        unit(
            "U-ZFB", "市人民政府办公室",
            Government,
            &["other"],
            &[
                ("政务服务", 3), ("一网通办", 4), ("政务公开", 3), ("12345", 4), ("地方志", 4), ("档案", 3), ("机关事务", 4),
            ],
        ),
    ]
}

#[rustfmt::skip]
/// System terms (RULES.md §2.3): items naming these go to that system.
fn system_terms() -> Vec<SystemTerms> {
    vec![
        SystemTerms {
            system: System::Court,
            terms: words(&["法院", "审判", "法官", "诉讼服务", "执行难"]),
        },
        SystemTerms {
            system: System::Procuratorate,
            terms: words(&["检察院", "检察机关", "检察官", "公益诉讼"]),
        },
        SystemTerms {
            system: System::Congress,
            terms: words(&[
                "人大常委会", "人大代表", "代表履职", "代表之家", "专门委员会",
            ]),
        },
        SystemTerms {
            system: System::PartyMass,
            terms: words(&["市委", "党委", "工会", "共青团", "妇联", "科协", "党建"]),
        },
    ]
}

#[rustfmt::skip]
fn exclusions() -> Vec<ExclusionRule> {
    vec![
        ExclusionRule {
            reason: ExclusionReason::PersonalMatter,
            terms: words(&[
                "本人", "我家", "我父亲", "我母亲", "我儿子", "我女儿", "我爱人", "亲属", "我单位", "本单位", "我公司", "本公司",
                "我所在的", "我的工资", "我的房子",
            ]),
        },
        ExclusionRule {
            reason: ExclusionReason::JudicialCase,
            terms: words(&[
                "案号", "一审判决", "二审判决", "判决书", "裁定书", "正在审理", "正在诉讼", "仲裁中", "申请再审", "被告人", "原告",
            ]),
        },
        ExclusionRule {
            reason: ExclusionReason::ForwardedPetition,
            terms: words(&[
                "代转", "来信反映", "群众来信", "举报信", "检举", "控告", "申诉", "上访", "请代为转交",
            ]),
        },
        ExclusionRule {
            reason: ExclusionReason::Advertising,
            terms: words(&[
                "我公司产品", "本产品", "产品推介", "欢迎采购", "联系电话", "优惠价格", "品牌推广", "学术探讨",
            ]),
        },
        ExclusionRule {
            reason: ExclusionReason::Tender,
            terms: words(&["中标结果", "投标人", "招标结果", "流标", "评标"]),
        },
        ExclusionRule {
            reason: ExclusionReason::OutsideJurisdiction,
            terms: words(&[
                "修改宪法", "全国人大", "国务院", "外交", "国防", "中央财政", "修改刑法", "全国统一",
            ]),
        },
    ]
}

fn motion() -> MotionMarkers {
    MotionMarkers {
        cause: words(&["案由", "关于提请", "提请审议", "制定", "修改"]),
        basis: words(&[
            "案据",
            "法律依据",
            "依据",
            "根据",
            "现状",
            "存在问题",
            "调研",
        ]),
        plan: words(&["方案", "具体建议", "建议条款", "草案", "主要内容", "措施"]),
        competence: words(&[
            "地方性法规",
            "条例",
            "立法",
            "重大事项",
            "决议",
            "决定",
            "人大常委会",
            "执法检查",
            "专项工作报告",
        ]),
    }
}

fn draft() -> DraftRules {
    DraftRules {
        min_title_chars: 8,
        max_title_chars: 40,
        min_body_chars: 150,
        max_body_chars: 5000,
        problem_markers: words(&["存在问题", "问题", "困难", "短板", "不足", "难点", "现状"]),
        analysis_markers: words(&[
            "原因",
            "分析",
            "导致",
            "由于",
            "究其",
            "主要是",
            "数据显示",
            "调研发现",
            "据统计",
        ]),
        proposal_markers: words(&["建议", "一是", "二是", "应当", "措施", "对策", "具体如下"]),
        vague_terms: words(&[
            "进一步加强",
            "高度重视",
            "加大力度",
            "切实",
            "有关部门",
            "相关部门",
            "尽快研究",
            "大力推进",
            "积极推动",
        ]),
        max_vague: 2,
        second_matter_share: ppm(800_000),
    }
}

/// The default screening rules: topic keywords, exclusions, markers; no unit table (a
/// locality's units are its own).
pub(super) fn generic() -> ScreeningRules {
    ScreeningRules {
        topic_terms: topic_terms(),
        fallback_topic: "other".to_owned(),
        units: Vec::new(),
        system_terms: system_terms(),
        routing: RoutingRules {
            min_score: 3,
            proposed_bonus: 6,
            topic_bonus: 2,
            co_share: ppm(500_000),
            max_co: 2,
            named_bonus: 8,
            history_weight: 6,
            history_min_items: 3,
            max_candidates: 8,
            shared_share: ppm(500_000),
        },
        exclusions: exclusions(),
        motion: motion(),
        draft: draft(),
        similarity: SimilarityRules {
            ngram: 2,
            threshold: ppm(350_000),
            max_gram_share: ppm(10_000),
        },
    }
}

/// The seed city's screening rules: the generic tables plus the sample city's units.
pub(super) fn seed_city() -> ScreeningRules {
    ScreeningRules {
        units: seed_city_units(),
        ..generic()
    }
}

fn npc_regroup(id: &str) -> &str {
    match id {
        "finance_economy" => "finance",
        "agriculture" => "environment_construction",
        "education_culture_health" => "education_science",
        "democracy_law" => "legal",
        other => other,
    }
}

/// The NPC's 2009 seven-class tree (RULES.md §2.2): the same keywords regrouped.
pub(super) fn npc() -> ScreeningRules {
    let mut topic_terms: Vec<TopicTerms> = topic_terms()
        .into_iter()
        .map(|t| TopicTerms {
            topic: npc_regroup(&t.topic).to_owned(),
            terms: t.terms,
        })
        .collect();
    topic_terms.push(topic(
        "economy",
        &[
            ("发展规划", 4),
            ("五年规划", 4),
            ("区域协调", 4),
            ("产业结构", 3),
            ("高质量发展", 3),
            ("宏观经济", 4),
            ("实体经济", 3),
        ],
    ));
    ScreeningRules {
        topic_terms,
        ..generic()
    }
}
