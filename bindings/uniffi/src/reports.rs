//! The year's reports for JVM vendors (feature `server`): the annual summary, the report
//! tables, the unit assessment, excellence and the report audit, as typed records. The JSON
//! entry points stay for hosts that already hold JSON (`*_json`). Every figure is the core's;
//! this module only converts.

use jianyi_core::assessment::excellence::Ranking;
use jianyi_core::assessment::units::UnitAssessment;
use jianyi_core::audit::TableAudit;
use jianyi_core::report::document::{Format, Lang, UnknownName};
use jianyi_core::tables::CountTable;
use jianyi_core::InputError;

use crate::errors::JianyiError;

/// The system's fonts (fontconfig's directories), loaded once per process, for the text of
/// the `.docx` charts: the core reads no file, the host hands it the fonts.
fn system_fonts() -> &'static std::sync::Arc<jianyi_core::report::docx::fontdb::Database> {
    static FONTS: std::sync::OnceLock<std::sync::Arc<jianyi_core::report::docx::fontdb::Database>> =
        std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = jianyi_core::report::docx::fontdb::Database::new();
        db.load_system_fonts();
        std::sync::Arc::new(db)
    })
}
use crate::records::{share_record, ShareRecord};
use crate::types::{code_of, count, parse_date, to_json};
use crate::Ledger;

fn unknown(e: UnknownName) -> JianyiError {
    InputError::Malformed {
        what: e.what,
        reason: format!("unknown {} `{}`", e.what, e.name),
    }
    .into()
}

/// A table of the year's report (SPEC §10): counts over one denominator.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CountTableRecord {
    /// Table id (`by_kind`, `final_class` …).
    pub id: String,
    /// 中文 title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
    /// What the shares are of (中文).
    pub of_zh: String,
    /// What the shares are of (English).
    pub of_en: String,
    /// The denominator.
    pub denominator: i64,
    /// The rows.
    pub rows: Vec<ShareRecord>,
}

fn table_record(t: &CountTable) -> CountTableRecord {
    CountTableRecord {
        id: t.id.clone(),
        title_zh: t.title.zh.clone(),
        title_en: t.title.en.clone(),
        of_zh: t.of.zh.clone(),
        of_en: t.of.en.clone(),
        denominator: count(t.denominator),
        rows: t.rows.iter().map(share_record).collect(),
    }
}

/// A unit's items of the year (承办单位: lead, co, total), as the report's unit table.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UnitRowRecord {
    /// Unit id.
    pub unit: String,
    /// Name.
    pub name: String,
    /// The system's code (`government`, `court` …).
    pub system: String,
    /// Items it leads (主办, split parts and joint leads included).
    pub lead: i64,
    /// Items it co-handles (协办/会办).
    pub co: i64,
    /// Lead + co.
    pub total: i64,
}

/// One dimension of a unit's assessment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DimensionRecord {
    /// Dimension id.
    pub id: String,
    /// 中文 label.
    pub label_zh: String,
    /// Points as printed (`19.5`).
    pub points: String,
    /// Points in thousandths.
    pub points_milli: i64,
    /// The dimension's maximum in thousandths.
    pub max_milli: i64,
}

/// A unit's assessment (办理工作考核): dimensions, deductions, vetoes, total, band and rank.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UnitAssessmentRecord {
    /// Unit id.
    pub unit: String,
    /// Unit name.
    pub name: String,
    /// Its assessment group.
    pub group: String,
    /// Items it led.
    pub lead_items: i64,
    /// Items it co-handled.
    pub co_items: i64,
    /// Each dimension's points.
    pub dimensions: Vec<DimensionRecord>,
    /// Deductions applied: 中文 label and the items behind each.
    pub deductions: Vec<String>,
    /// Vetoes applied (一票否决): 中文 label, the band cap and the items.
    pub vetoes: Vec<String>,
    /// Total as printed.
    pub total: String,
    /// Total in thousandths.
    pub total_milli: i64,
    /// Band id after vetoes.
    pub band: String,
    /// Band label (中文).
    pub band_zh: String,
    /// Rank in its group (1 = first).
    pub rank_in_group: i64,
    /// Everything behind the figures (indicators and the items that cost points) as JSON.
    pub explanation_json: String,
}

fn unit_record(u: &UnitAssessment) -> Result<UnitAssessmentRecord, JianyiError> {
    let items = |list: &[jianyi_core::ItemId]| -> String {
        list.iter()
            .map(jianyi_core::ItemId::as_str)
            .collect::<Vec<_>>()
            .join("、")
    };
    Ok(UnitAssessmentRecord {
        unit: u.unit.to_string(),
        name: u.name.clone(),
        group: u.group.clone(),
        lead_items: count(u.lead_items),
        co_items: count(u.co_items),
        dimensions: u
            .dimensions
            .iter()
            .map(|d| DimensionRecord {
                id: d.id.clone(),
                label_zh: d.label.zh.clone(),
                points: d.points.to_string(),
                points_milli: d.points.milli(),
                max_milli: d.max.milli(),
            })
            .collect(),
        deductions: u
            .deductions
            .iter()
            .map(|d| format!("{} −{}（{}）", d.label.zh, d.points, items(&d.items)))
            .collect(),
        vetoes: u
            .vetoes
            .iter()
            .map(|v| format!("{} → {}（{}）", v.label.zh, v.cap, items(&v.items)))
            .collect(),
        total: u.total.to_string(),
        total_milli: u.total.milli(),
        band: u.band.clone(),
        band_zh: u.band_label.zh.clone(),
        rank_in_group: count(u.rank_in_group),
        explanation_json: to_json("unit assessment", u)?,
    })
}

/// One row of an excellence ranking.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RankRowRecord {
    /// Item or deputy id.
    pub id: String,
    /// Title or name.
    pub name: String,
    /// Score as printed.
    pub score: String,
    /// Score in thousandths.
    pub score_milli: i64,
    /// Rank (1 = first).
    pub rank: i64,
    /// `selected`, `tied_at_cut`, `below` or `ineligible`.
    pub standing: String,
    /// Why it is not eligible, when it is not.
    pub ineligible: Option<String>,
}

/// An excellence ranking (优秀建议 / 优秀代表) with its quota.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RankingRecord {
    /// Eligible entries.
    pub pool: i64,
    /// The quota.
    pub quota: i64,
    /// Entries tied across the cut line (for the directors' meeting).
    pub tied_at_cut: i64,
    /// How many may be honoured.
    pub allowed: i64,
    /// Every entry, best first.
    pub rows: Vec<RankRowRecord>,
}

fn ranking_record(r: &Ranking) -> RankingRecord {
    RankingRecord {
        pool: count(r.pool),
        quota: count(r.quota),
        tied_at_cut: count(r.tied_at_cut),
        allowed: count(r.allowed),
        rows: r
            .rows
            .iter()
            .map(|x| RankRowRecord {
                id: x.id.clone(),
                name: x.name.clone(),
                score: x.score.to_string(),
                score_milli: x.score.milli(),
                rank: count(x.rank),
                standing: code_of(&x.standing),
                ineligible: x.ineligible.clone(),
            })
            .collect(),
    }
}

/// The year's excellence selection: suggestions and deputies.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExcellenceRecord {
    /// 优秀建议.
    pub suggestions: RankingRecord,
    /// 优秀代表 (by 履职积分).
    pub deputies: RankingRecord,
}

/// One figure of a printed table, as the audit found it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FigureFindingRecord {
    /// The row's label as printed.
    pub label: String,
    /// The count as printed.
    pub count: i64,
    /// The percent as printed.
    pub printed: String,
    /// The exact share: numerator.
    pub numerator: i64,
    /// The exact share: denominator.
    pub denominator: i64,
    /// Whether some convention reproduces the printed percent.
    pub reproducible: bool,
    /// The nearest correct value under the table's best convention.
    pub nearest: String,
}

/// A printed table's audit: the conventions that reproduce it and every figure.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TableAuditRecord {
    /// Table id (its position in the text).
    pub id: String,
    /// The denominator read.
    pub denominator: i64,
    /// How many conventions reproduce every figure (0 = some figure is wrong).
    pub conventions_reproducing: i64,
    /// The best convention, as JSON (rounding, decimals, totals forced to 100).
    pub best_convention_json: String,
    /// Every figure.
    pub figures: Vec<FigureFindingRecord>,
}

fn audit_record(t: &TableAudit) -> Result<TableAuditRecord, JianyiError> {
    Ok(TableAuditRecord {
        id: t.id.clone(),
        denominator: count(t.denominator),
        conventions_reproducing: i64::try_from(t.reproduced_by.len()).unwrap_or(i64::MAX),
        best_convention_json: to_json("convention", &t.best)?,
        figures: t
            .figures
            .iter()
            .map(|f| FigureFindingRecord {
                label: f.label.clone(),
                count: count(f.count),
                printed: f.printed.clone(),
                numerator: count(f.exact.numerator),
                denominator: count(f.exact.denominator),
                reproducible: f.reproducible,
                nearest: f.nearest.clone(),
            })
            .collect(),
    })
}

/// 报告核对 (SPEC §10): reads the "N件，占P%" tables of a Chinese report's text and audits
/// each: the conventions that reproduce it, and every figure none does with its nearest
/// correct value.
#[uniffi::export]
pub fn audit_report_text(text: String) -> Result<Vec<TableAuditRecord>, JianyiError> {
    jianyi_core::audit::tables_in_text(&text)
        .iter()
        .map(|t| audit_record(&jianyi_core::audit::audit_table(t)))
        .collect()
}

#[uniffi::export]
impl Ledger {
    /// The annual summary of work year `year`, obligations as of `as_of`: `lang` `zh` or
    /// `en`, `format` `text`, `md` or `html`. Byte-identical to the Python and CLI output.
    pub fn summary_text(
        &self,
        year: i32,
        as_of: String,
        lang: String,
        format: String,
    ) -> Result<String, JianyiError> {
        let as_of = parse_date("as_of", &as_of)?;
        let lang: Lang = lang.parse().map_err(unknown)?;
        let format: Format = format.parse().map_err(unknown)?;
        let summary = self
            .snapshot()?
            .annual_summary_on(year, as_of, every_core())?;
        Ok(summary.render(lang, format))
    }

    /// The annual summary and its figures' appendix (every chart as a picture beside its
    /// table) as a Word document: the `.docx` file's bytes, `lang` `zh` or `en`. The charts'
    /// text is drawn with the system's fonts, loaded once. A failure to draw or pack it is
    /// `Internal` with code `report.chart_render` (or `internal.docx_write`).
    pub fn summary_docx(
        &self,
        year: i32,
        as_of: String,
        lang: String,
    ) -> Result<Vec<u8>, JianyiError> {
        let as_of = parse_date("as_of", &as_of)?;
        let lang: Lang = lang.parse().map_err(unknown)?;
        let summary = self
            .snapshot()?
            .annual_summary_on(year, as_of, every_core())?;
        summary
            .render_docx(lang, system_fonts())
            .map_err(|e| JianyiError::Internal {
                code: e.code().as_str().to_owned(),
                detail: e.to_string(),
                details_json: serde_json::json!({ "reason": e.to_string() }).to_string(),
            })
    }

    /// The annual summary's figures and dated facts, as JSON.
    pub fn annual_summary_json(&self, year: i32, as_of: String) -> Result<String, JianyiError> {
        let as_of = parse_date("as_of", &as_of)?;
        to_json(
            "annual summary",
            &self
                .snapshot()?
                .annual_summary_on(year, as_of, every_core())?,
        )
    }

    /// Every count table of the year's report, in the report's order.
    pub fn report_tables(
        &self,
        year: i32,
        as_of: String,
    ) -> Result<Vec<CountTableRecord>, JianyiError> {
        let as_of = parse_date("as_of", &as_of)?;
        let tables = self.snapshot()?.year_tables_on(year, as_of, every_core())?;
        Ok(tables
            .count_tables()
            .into_iter()
            .map(table_record)
            .collect())
    }

    /// The report's unit table: every unit by its lead and co items, most first.
    pub fn unit_rows(&self, year: i32, as_of: String) -> Result<Vec<UnitRowRecord>, JianyiError> {
        let as_of = parse_date("as_of", &as_of)?;
        let tables = self.snapshot()?.year_tables_on(year, as_of, every_core())?;
        Ok(tables
            .by_unit
            .iter()
            .map(|r| UnitRowRecord {
                unit: r.unit.to_string(),
                name: r.name.clone(),
                system: code_of(&r.system),
                lead: count(r.lead),
                co: count(r.co),
                total: count(r.total),
            })
            .collect())
    }

    /// The ids of the report's sections the ledger holds no facts for (`key_supervision`,
    /// `third_party` …): the report says so and prints no number for them.
    pub fn sections_not_in_ledger(
        &self,
        year: i32,
        as_of: String,
    ) -> Result<Vec<String>, JianyiError> {
        let as_of = parse_date("as_of", &as_of)?;
        let tables = self.snapshot()?.year_tables_on(year, as_of, every_core())?;
        Ok(tables
            .sections_not_in_ledger()
            .into_iter()
            .map(str::to_owned)
            .collect())
    }

    /// All the year's tables (units, systems, overlaps too), as JSON.
    pub fn year_tables_json(&self, year: i32, as_of: String) -> Result<String, JianyiError> {
        let as_of = parse_date("as_of", &as_of)?;
        to_json(
            "year tables",
            &self.snapshot()?.year_tables_on(year, as_of, every_core())?,
        )
    }

    /// The unit assessment of `year`, one record per unit, with every explanation.
    pub fn unit_assessment(
        &self,
        year: i32,
        as_of: String,
    ) -> Result<Vec<UnitAssessmentRecord>, JianyiError> {
        let as_of = parse_date("as_of", &as_of)?;
        let a = self.snapshot()?.unit_assessment(year, as_of)?;
        a.units.iter().map(unit_record).collect()
    }

    /// The excellence selection of `year`: suggestions and deputies, with quotas and ties.
    pub fn excellence(&self, year: i32) -> Result<ExcellenceRecord, JianyiError> {
        let e = self.snapshot()?.excellence(year);
        Ok(ExcellenceRecord {
            suggestions: ranking_record(&e.suggestions),
            deputies: ranking_record(&e.deputies),
        })
    }
}

/// Every core the process may use (a server's): reading a file, the summary and the tables
/// share their work among them, the same whatever the number.
pub(crate) fn every_core() -> std::num::NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(std::num::NonZeroUsize::MIN)
}
