//! 配置比较 (profile diff): which keys differ between two profiles.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Profile;

/// One key that differs. `None` on a side means the key is absent there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileChange {
    /// Dotted key path, e.g. `handling.reply_deadline.amount` or `results.classes[1].id`.
    pub key: String,
    /// Value in the first profile (JSON text).
    pub before: Option<String>,
    /// Value in the second profile (JSON text).
    pub after: Option<String>,
}

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, child, out);
            }
        }
        Value::Array(items) => {
            if items.is_empty() {
                out.insert(prefix.to_owned(), "[]".to_owned());
            }
            for (i, child) in items.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), child, out);
            }
        }
        leaf => {
            out.insert(prefix.to_owned(), leaf.to_string());
        }
    }
}

pub(super) fn diff(a: &Profile, b: &Profile) -> Vec<ProfileChange> {
    let mut left = BTreeMap::new();
    let mut right = BTreeMap::new();
    flatten(
        "",
        &serde_json::to_value(a).unwrap_or(Value::Null),
        &mut left,
    );
    flatten(
        "",
        &serde_json::to_value(b).unwrap_or(Value::Null),
        &mut right,
    );
    let keys: std::collections::BTreeSet<&String> = left.keys().chain(right.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let before = left.get(k);
            let after = right.get(k);
            (before != after).then(|| ProfileChange {
                key: k.clone(),
                before: before.cloned(),
                after: after.cloned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::profile::Profile;

    #[test]
    fn identical_profiles_have_no_diff() {
        let p = Profile::default();
        assert!(p.diff(&p).is_empty());
    }

    #[test]
    fn chongqing_differs_from_shanghai_in_return_window() {
        let sh = Profile::preset("shanghai").unwrap();
        let cq = Profile::preset("chongqing").unwrap();
        let d = sh.diff(&cq);
        let ret = d
            .iter()
            .find(|c| c.key == "assignment.return_window.amount")
            .unwrap();
        assert_eq!(ret.before.as_deref(), Some("7"));
        assert_eq!(ret.after.as_deref(), Some("10"));
        assert!(d.iter().any(|c| c.key == "assignment.return_anchor"));
        assert!(!d.iter().any(|c| c.key == "handling.reply_deadline.amount"));
    }
}
