//! 预交办按路由 (pre-assignment from routing answers): the sample city-year's 预交办 rounds
//! (seed 一.三) name the units the intake routing proposes for the item's text (SPEC §5,
//! `crate::intake`), as a secretariat using the screener would.

use crate::command::{Action, ItemText};
use crate::id::{ItemId, UnitId};
use crate::intake::{Screener, Submission};

use super::profile;

/// The generator's router: the seed-city profile's screener.
pub(super) struct Router {
    screener: Option<Screener>,
}

impl Router {
    /// Compiles the screening rules of the generator's profile.
    pub(super) fn new() -> Router {
        Router {
            screener: Screener::new(&profile()).ok(),
        }
    }

    /// The units of the routing answer's `PreAssign` for this item, kept to units the city
    /// registered; `None` when the answer is difficult (no candidate, a tie) or names no
    /// registered unit, and the planner keeps its own plan.
    pub(super) fn pre_assign_units(
        &self,
        item: &ItemId,
        text: &ItemText,
        registered: impl Fn(&UnitId) -> bool,
    ) -> Option<Vec<UnitId>> {
        let answer = self
            .screener
            .as_ref()?
            .route(&Submission::new(&text.title, &text.body));
        answer.actions(item).into_iter().find_map(|a| match a {
            Action::PreAssign { units, .. } => {
                let units: Vec<UnitId> = units.into_iter().filter(|u| registered(u)).collect();
                (!units.is_empty()).then_some(units)
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_title_is_routed_to_its_unit() {
        let r = Router::new();
        let item = ItemId::new("J2022-000001").unwrap();
        let text = ItemText {
            title: "关于促进股权投资行业发展的建议".to_owned(),
            body: "问题：促进股权投资行业发展方面仍存在短板。建议：一是加强统筹。".to_owned(),
        };
        let units = r.pre_assign_units(&item, &text, |_| true).unwrap();
        assert_eq!(units[0].as_str(), "U-JRB");
        assert!(r.pre_assign_units(&item, &text, |_| false).is_none());
    }
}
