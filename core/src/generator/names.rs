//! Realistic names for the synthetic city: units by system, committees, delegations,
//! deputies, and suggestion titles by topic (the seed's own examples among them).

use crate::directory::System;

/// Committees (委办室) and the topic each supervises.
pub(super) const COMMITTEES: [(&str, &str); 8] = [
    ("C-CJ", "财政经济委员会"),
    ("C-NY", "农业农村委员会"),
    ("C-SH", "社会建设委员会"),
    ("C-JK", "教科文卫委员会"),
    ("C-HZ", "环资城建委员会"),
    ("C-FZ", "法制委员会"),
    ("C-JS", "监察司法委员会"),
    ("C-RS", "人事代表工作委员会"),
];

/// Units: (id stem, name, system, liaison committee index, topic ids it handles).
pub(super) const UNITS: [(&str, &str, System, usize, &[&str]); 36] = [
    (
        "ZZB",
        "市委组织部",
        System::PartyMass,
        7,
        &["democracy_law"],
    ),
    (
        "XCB",
        "市委宣传部",
        System::PartyMass,
        3,
        &["education_culture_health"],
    ),
    ("TZB", "市委统战部", System::PartyMass, 7, &["other"]),
    (
        "ZFW",
        "市委政法委",
        System::PartyMass,
        6,
        &["democracy_law"],
    ),
    ("ZGH", "市总工会", System::PartyMass, 2, &["social"]),
    (
        "TSW",
        "团市委",
        System::PartyMass,
        2,
        &["social", "education_culture_health"],
    ),
    ("FL", "市妇联", System::PartyMass, 2, &["social"]),
    (
        "KX",
        "市科协",
        System::PartyMass,
        3,
        &["education_culture_health"],
    ),
    (
        "FGW",
        "市发展和改革委员会",
        System::Government,
        0,
        &["finance_economy"],
    ),
    (
        "CZJ",
        "市财政局",
        System::Government,
        0,
        &["finance_economy"],
    ),
    (
        "SWJ",
        "市商务局",
        System::Government,
        0,
        &["finance_economy"],
    ),
    (
        "JRB",
        "市地方金融监督管理局",
        System::Government,
        0,
        &["finance_economy"],
    ),
    (
        "SCJ",
        "市市场监督管理局",
        System::Government,
        0,
        &["finance_economy", "social"],
    ),
    (
        "NYJ",
        "市农业农村局",
        System::Government,
        1,
        &["agriculture"],
    ),
    (
        "SLJ",
        "市水利局",
        System::Government,
        1,
        &["agriculture", "environment_construction"],
    ),
    (
        "XCZ",
        "市乡村振兴局",
        System::Government,
        1,
        &["agriculture"],
    ),
    ("MZJ", "市民政局", System::Government, 2, &["social"]),
    (
        "RSJ",
        "市人力资源和社会保障局",
        System::Government,
        2,
        &["social"],
    ),
    (
        "YBJ",
        "市医疗保障局",
        System::Government,
        2,
        &["social", "education_culture_health"],
    ),
    ("YJJ", "市应急管理局", System::Government, 2, &["social"]),
    (
        "JYJ",
        "市教育局",
        System::Government,
        3,
        &["education_culture_health"],
    ),
    (
        "WJW",
        "市卫生健康委员会",
        System::Government,
        3,
        &["education_culture_health"],
    ),
    (
        "WLJ",
        "市文化广电和旅游局",
        System::Government,
        3,
        &["education_culture_health"],
    ),
    (
        "KJJ",
        "市科学技术局",
        System::Government,
        3,
        &["education_culture_health"],
    ),
    (
        "ZJJ",
        "市住房和城乡建设局",
        System::Government,
        4,
        &["environment_construction"],
    ),
    (
        "ZRJ",
        "市自然资源和规划局",
        System::Government,
        4,
        &["environment_construction", "agriculture"],
    ),
    (
        "HJJ",
        "市生态环境局",
        System::Government,
        4,
        &["environment_construction"],
    ),
    (
        "JTJ",
        "市交通运输局",
        System::Government,
        4,
        &["environment_construction"],
    ),
    (
        "CGJ",
        "市城市管理局",
        System::Government,
        4,
        &["environment_construction"],
    ),
    (
        "GAJ",
        "市公安局",
        System::Government,
        5,
        &["democracy_law", "social"],
    ),
    ("SFJ", "市司法局", System::Government, 5, &["democracy_law"]),
    ("XFJ", "市信访局", System::Government, 5, &["democracy_law"]),
    ("ZY", "市中级人民法院", System::Court, 6, &["democracy_law"]),
    (
        "JCY",
        "市人民检察院",
        System::Procuratorate,
        6,
        &["democracy_law"],
    ),
    (
        "RDB",
        "市人大常委会办公室",
        System::Congress,
        7,
        &["democracy_law", "other"],
    ),
    ("ZFB", "市人民政府办公室", System::Government, 0, &["other"]),
];

/// Delegations (代表团), named after districts and counties.
pub(super) const DELEGATIONS: [&str; 12] = [
    "东湖区",
    "西城区",
    "南山区",
    "北塘区",
    "高新区",
    "经开区",
    "凤凰县",
    "青山县",
    "临江县",
    "白沙县",
    "云岭县",
    "双河县",
];

const SURNAMES: [&str; 40] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余",
];

const GIVEN: [&str; 40] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "建国", "志强", "海燕",
    "玉兰", "晓东", "丽华", "国庆", "春梅", "卫东", "新民", "振华", "金凤", "德明", "永红",
];

/// A deputy's name from two picks.
pub(super) fn person(a: usize, b: usize) -> String {
    let s = SURNAMES
        .get(a.checked_rem(SURNAMES.len()).unwrap_or(0))
        .copied()
        .unwrap_or("王");
    let g = GIVEN
        .get(b.checked_rem(GIVEN.len()).unwrap_or(0))
        .copied()
        .unwrap_or("伟");
    format!("{s}{g}")
}

/// Subjects of suggestions by topic id (titles read 关于{subject}的建议).
pub(super) const SUBJECTS: [(&str, &[&str]); 7] = [
    (
        "finance_economy",
        &[
            "促进股权投资行业发展",
            "推动后疫情时代餐饮业发展",
            "优化提升营商环境",
            "加大中小微企业纾困帮扶力度",
            "规范政府专项债券使用管理",
            "推动夜间经济健康发展",
            "支持专精特新企业发展",
            "加快建设区域物流枢纽",
        ],
    ),
    (
        "agriculture",
        &[
            "加强农村宅基地管理",
            "推进高标准农田建设",
            "发展壮大村级集体经济",
            "完善农村人居环境长效管护机制",
            "加快农产品冷链物流建设",
            "推动特色农业品牌化发展",
            "加强农村饮水安全保障",
            "培育新型职业农民",
        ],
    ),
    (
        "social",
        &[
            "完善老年人健康体检服务政策",
            "加快社区养老服务设施建设",
            "加强新就业形态劳动者权益保障",
            "推进智慧社区建设",
            "完善残疾人托养服务体系",
            "加强食品安全监管",
            "提升基层应急管理能力",
            "规范物业服务管理",
        ],
    ),
    (
        "education_culture_health",
        &[
            "增加城区公办学位供给",
            "加强中小学心理健康教育",
            "推进县域医共体建设",
            "完善公共文化服务设施",
            "打造凤凰岛水上游览线",
            "加强基层医疗卫生人才队伍建设",
            "推进职业教育产教融合",
            "加快全民健身场地建设",
        ],
    ),
    (
        "environment_construction",
        &[
            "在611沿湖大道部分路段安装路灯",
            "加快老旧小区改造",
            "治理城区内涝积水点",
            "完善城市公共停车设施",
            "加强河湖生态保护修复",
            "推进生活垃圾分类",
            "优化公交线路和站点设置",
            "加快城乡供水一体化建设",
        ],
    ),
    (
        "democracy_law",
        &[
            "加强基层公共法律服务",
            "规范行政执法行为",
            "推进矛盾纠纷多元化解",
            "加强未成年人司法保护",
            "完善人大代表联络站建设",
            "加强网络电信诈骗防范宣传",
            "推进公益诉讼检察工作",
            "提升诉讼服务便民水平",
        ],
    ),
    (
        "other",
        &[
            "加强档案信息化建设",
            "完善政务服务一网通办",
            "推进机关事务节能降耗",
            "加强地方志编纂工作",
            "规范城市道路命名",
            "加强气象防灾减灾服务",
            "推动对口协作深化",
            "加强统计数据质量管理",
        ],
    ),
];
