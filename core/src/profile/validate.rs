//! Profile validation (SPEC §2): each failure names the key.

use std::collections::BTreeSet;

use crate::calendar::{Window, WindowUnit};
use crate::command::ActionKind;
use crate::error::ProfileError;

use super::{FeedbackMeaning, Profile, RateDef, ResultMeaning};

pub(super) fn invalid(key: impl Into<String>, reason: impl Into<String>) -> ProfileError {
    ProfileError::InvalidValue {
        key: key.into(),
        reason: reason.into(),
    }
}

pub(super) fn undefined(key: impl Into<String>, id: &str) -> ProfileError {
    ProfileError::UndefinedReference {
        key: key.into(),
        id: id.to_owned(),
    }
}

fn window(key: &str, w: Window) -> Result<(), ProfileError> {
    if w.amount == 0 {
        return Err(invalid(
            format!("{key}.amount"),
            "a window must be at least 1",
        ));
    }
    let limit = match w.unit {
        WindowUnit::CalendarDays => 3660,
        WindowUnit::WorkingDays => 2500,
        WindowUnit::Months => 120,
    };
    if w.amount > limit {
        return Err(invalid(
            format!("{key}.amount"),
            format!("{} is longer than ten years", w.amount),
        ));
    }
    Ok(())
}

fn unique_ids<'a>(key: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), ProfileError> {
    let mut seen = BTreeSet::new();
    for (i, id) in ids.enumerate() {
        if id.is_empty() {
            return Err(invalid(format!("{key}[{i}].id"), "an id must not be empty"));
        }
        if !seen.insert(id) {
            return Err(invalid(
                format!("{key}[{i}].id"),
                format!("`{id}` is defined twice"),
            ));
        }
    }
    Ok(())
}

/// Months (and day counts) are comparable only in the same unit; a hard maximum shorter
/// than the reply deadline in the same unit is a contradiction.
fn not_shorter(key: &str, max: Window, base: Window) -> Result<(), ProfileError> {
    if max.unit == base.unit && max.amount < base.amount {
        return Err(invalid(
            key,
            format!("the hard maximum ({max}) is shorter than the deadline ({base})"),
        ));
    }
    Ok(())
}

pub(super) fn validate(p: &Profile) -> Result<(), ProfileError> {
    if p.id.trim().is_empty() {
        return Err(invalid("id", "must not be empty"));
    }
    if p.version.trim().is_empty() {
        return Err(invalid("version", "must not be empty"));
    }
    if p.motion.min_signers == 0 {
        return Err(invalid("motion.min_signers", "must be at least 1"));
    }
    window("intake.recess_assign_within", p.intake.recess_assign_within)?;
    unique_ids(
        "intake.topics",
        p.intake.topics.iter().map(|t| t.id.as_str()),
    )?;
    if p.intake.topics.is_empty() {
        return Err(invalid("intake.topics", "at least one topic is needed"));
    }
    super::intake::validate(p)?;
    window("assignment.return_window", p.assignment.return_window)?;
    window("assignment.reassign_within", p.assignment.reassign_within)?;
    window("handling.reply_deadline", p.handling.reply_deadline)?;
    window(
        "handling.extension.hard_maximum",
        p.handling.extension.hard_maximum,
    )?;
    not_shorter(
        "handling.extension.hard_maximum",
        p.handling.extension.hard_maximum,
        p.handling.reply_deadline,
    )?;
    window(
        "handling.first_contact_within",
        p.handling.first_contact_within,
    )?;
    window("handling.co_opinion_within", p.handling.co_opinion_within)?;
    window(
        "handling.co_opinion_redo_within",
        p.handling.co_opinion_redo_within,
    )?;
    window("feedback.window", p.feedback.window)?;
    window("rehandle.deadline", p.rehandle.deadline)?;
    window("follow_up.deadline", p.follow_up.deadline)?;

    let classes = &p.results.classes;
    unique_ids("results.classes", classes.iter().map(|c| c.id.as_str()))?;
    if !classes.iter().any(|c| c.meaning == ResultMeaning::Resolved) {
        return Err(invalid("results.classes", "no class means `resolved`"));
    }
    for (i, c) in classes.iter().enumerate() {
        if c.creates_commitment && !c.needs_promised_date {
            return Err(invalid(
                format!("results.classes[{i}].creates_commitment"),
                "a commitment needs a promised date (set needs_promised_date)",
            ));
        }
    }
    for (i, id) in p.follow_up.trigger_classes.iter().enumerate() {
        if p.class(id).is_none() {
            return Err(undefined(format!("follow_up.trigger_classes[{i}]"), id));
        }
    }
    for (i, id) in p.rollover.classes.iter().enumerate() {
        if p.class(id).is_none() {
            return Err(undefined(format!("rollover.classes[{i}]"), id));
        }
    }
    let cut = p.rollover.cutoff;
    if chrono::NaiveDate::from_ymd_opt(2024, cut.month, cut.day).is_none() {
        return Err(invalid(
            "rollover.cutoff",
            format!("{}-{} is not a day of the year", cut.month, cut.day),
        ));
    }

    let levels = &p.feedback.levels;
    unique_ids("feedback.levels", levels.iter().map(|l| l.id.as_str()))?;
    if !levels
        .iter()
        .any(|l| l.meaning == FeedbackMeaning::Dissatisfied)
    {
        return Err(invalid("feedback.levels", "no level means `dissatisfied`"));
    }

    if p.statistics.decimals > 2 {
        return Err(invalid(
            "statistics.decimals",
            format!("{} is outside 0..=2", p.statistics.decimals),
        ));
    }
    unique_ids(
        "statistics.rates",
        p.statistics.rates.iter().map(RateDef::id),
    )?;
    for (i, rate) in p.statistics.rates.iter().enumerate() {
        match rate {
            RateDef::ResultShare { classes, .. } => {
                for (j, id) in classes.iter().enumerate() {
                    if p.class(id).is_none() {
                        return Err(undefined(format!("statistics.rates[{i}].classes[{j}]"), id));
                    }
                }
            }
            RateDef::Satisfaction { levels, .. } => {
                for (j, id) in levels.iter().enumerate() {
                    if p.level(id).is_none() {
                        return Err(undefined(format!("statistics.rates[{i}].levels[{j}]"), id));
                    }
                }
            }
        }
    }

    unique_ids(
        "third_party.outcomes",
        p.third_party.outcomes.iter().map(|o| o.id.as_str()),
    )?;
    if p.third_party.outcomes.is_empty() {
        return Err(invalid(
            "third_party.outcomes",
            "at least one outcome is needed",
        ));
    }

    super::assessment::validate(p)?;

    let mut granted = BTreeSet::new();
    for (i, g) in p.authorization.iter().enumerate() {
        if !granted.insert(g.action) {
            return Err(invalid(
                format!("authorization[{i}].action"),
                format!("`{}` is granted twice", g.action),
            ));
        }
        if g.roles.is_empty() {
            return Err(invalid(
                format!("authorization[{i}].roles"),
                format!("nobody may issue `{}`", g.action),
            ));
        }
    }
    for kind in ActionKind::ALL {
        if !granted.contains(kind) {
            return Err(invalid("authorization", format!("no grant for `{kind}`")));
        }
    }
    if p.limits.max_title_chars == 0 || p.limits.max_text_chars == 0 || p.limits.max_signers == 0 {
        return Err(invalid("limits", "limits must be at least 1"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::profile::Profile;

    fn code_and_key(json: &str) -> (String, String) {
        let err = Profile::from_json(json).unwrap_err();
        (err.code().as_str().to_owned(), err.to_string())
    }

    fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v = serde_json::to_value(Profile::default()).unwrap();
        edit(&mut v);
        v.to_string()
    }

    #[test]
    fn zero_window_names_the_key() {
        let (code, msg) = code_and_key(&edited(|v| {
            v["handling"]["reply_deadline"]["amount"] = 0.into();
        }));
        assert_eq!(code, "profile.invalid_value");
        assert!(msg.contains("handling.reply_deadline.amount"), "{msg}");
    }

    #[test]
    #[cfg(feature = "key-paths")]
    fn unknown_key_names_the_key() {
        let (code, msg) = code_and_key(&edited(|v| {
            v["handling"]["reply_deadlin"] = 3.into();
        }));
        assert_eq!(code, "profile.unknown_key");
        assert!(msg.contains("handling"), "{msg}");
    }

    #[test]
    #[cfg(not(feature = "key-paths"))]
    fn without_key_paths_an_unknown_key_names_its_line_and_column() {
        let (code, msg) = code_and_key(&edited(|v| {
            v["handling"]["reply_deadlin"] = 3.into();
        }));
        assert_eq!(code, "profile.unknown_key");
        assert!(msg.contains("line 1 column"), "{msg}");
        assert!(msg.contains("reply_deadlin"), "{msg}");
    }

    #[test]
    #[cfg(feature = "key-paths")]
    fn ratio_outside_unit_interval() {
        let (code, msg) = code_and_key(&edited(|v| {
            v["excellence"]["suggestion_ratio"] = 1.5.into();
        }));
        assert_eq!(code, "profile.parse");
        assert!(msg.contains("excellence.suggestion_ratio"), "{msg}");
    }

    #[test]
    fn undefined_class_reference() {
        let (code, msg) = code_and_key(&edited(|v| {
            v["follow_up"]["trigger_classes"] = serde_json::json!(["nonexistent"]);
        }));
        assert_eq!(code, "profile.undefined_reference");
        assert!(msg.contains("follow_up.trigger_classes[0]"), "{msg}");
    }

    #[test]
    fn malformed_json() {
        let (code, _) = code_and_key("{ not json");
        assert_eq!(code, "profile.parse");
    }

    #[test]
    fn duplicate_class_and_missing_grant() {
        let (_, msg) = code_and_key(&edited(|v| {
            let first = v["results"]["classes"][0].clone();
            v["results"]["classes"].as_array_mut().unwrap().push(first);
        }));
        assert!(msg.contains("defined twice"), "{msg}");
        let (_, msg) = code_and_key(&edited(|v| {
            v["authorization"].as_array_mut().unwrap().pop();
        }));
        assert!(msg.contains("no grant for `honour_excellence`"), "{msg}");
    }

    #[test]
    fn hard_maximum_shorter_than_deadline() {
        let (_, msg) = code_and_key(&edited(|v| {
            v["handling"]["extension"]["hard_maximum"]["amount"] = 2.into();
        }));
        assert!(msg.contains("hard maximum"), "{msg}");
    }

    #[test]
    fn decimals_above_two() {
        let (_, msg) = code_and_key(&edited(|v| {
            v["statistics"]["decimals"] = 3.into();
        }));
        assert!(msg.contains("statistics.decimals"), "{msg}");
    }
}
