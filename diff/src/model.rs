//! The vocabulary of a diff: which way values flow at a site, what an edit does to the set of
//! valid values, and the verdict that follows for each of the two roles.
//!
//! The provider implements the API (the Agent Desktop, a fake, a bridge); the consumer calls its
//! methods and handles its events (a CRM integration). Values flow `out` (provider to consumer:
//! method results, event arguments) or `in` (consumer to provider: method arguments, the answers
//! to events that expect one). Whoever *receives* a value must accept every value the sender may
//! send, so:
//!
//! | effect | `out` | `in` |
//! | --- | --- | --- |
//! | widens | breaks consumers | breaks providers |
//! | narrows | breaks providers | breaks consumers |
//! | incomparable | breaks both | breaks both |
//! | unknown | unknown for both | unknown for both |
//! | none | compatible | compatible |

use serde::Serialize;

/// Which way values flow at a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// Provider to consumer: method results, event handler arguments.
    Out,
    /// Consumer to provider: method arguments, answers to events.
    In,
    /// Reached from both kinds of sites.
    Both,
}

impl Direction {
    /// The direction of a finding seen at sites of both directions.
    pub fn union(self, other: Direction) -> Direction {
        if self == other { self } else { Direction::Both }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
            Direction::Both => "both",
        }
    }
}

/// What an edit does to the set of valid values at a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Effect {
    /// Every old value is still valid, and some new ones are.
    Widens,
    /// Every new value was valid before, and some old ones are not any more.
    Narrows,
    /// Each side has values the other rejects.
    Incomparable,
    /// adcontract cannot decide (two different regular expressions).
    Unknown,
    /// Nothing either side sends or accepts changes (under the stated policy).
    None,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Widens => "widens",
            Effect::Narrows => "narrows",
            Effect::Incomparable => "incomparable",
            Effect::Unknown => "unknown",
            Effect::None => "none",
        }
    }

    /// The verdicts for (consumer, provider) of this effect at a site of `direction`.
    pub fn verdicts(self, direction: Direction) -> (Verdict, Verdict) {
        use Verdict::{Breaking as B, Compatible as C, Unknown as U};
        let one = |d: Direction| match (self, d) {
            (Effect::None, _) => (C, C),
            (Effect::Unknown, _) => (U, U),
            (Effect::Incomparable, _) => (B, B),
            (Effect::Widens, Direction::Out) | (Effect::Narrows, Direction::In) => (B, C),
            (Effect::Narrows, Direction::Out) | (Effect::Widens, Direction::In) => (C, B),
            // `Both` is split below; never reached.
            (_, Direction::Both) => (U, U),
        };
        match direction {
            Direction::Both => {
                let (c1, p1) = one(Direction::Out);
                let (c2, p2) = one(Direction::In);
                (c1.worst(c2), p1.worst(p2))
            }
            d => one(d),
        }
    }
}

/// Whether an edit breaks one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    Compatible,
    /// A warning: adcontract cannot decide.
    Unknown,
    Breaking,
}

impl Verdict {
    pub fn worst(self, other: Verdict) -> Verdict {
        self.max(other)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Compatible => "compatible",
            Verdict::Unknown => "unknown",
            Verdict::Breaking => "breaking",
        }
    }
}

/// The semantic-versioning bump a set of findings calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Semver {
    None,
    Patch,
    Minor,
    Major,
}

impl Semver {
    pub fn as_str(self) -> &'static str {
        match self {
            Semver::None => "none",
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        }
    }
}

/// The role(s) a diff is judged for (`--role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    Consumer,
    Provider,
    #[default]
    Both,
}

impl Role {
    /// The worst verdict of a finding for the role(s).
    pub fn verdict(self, f: &Finding) -> Verdict {
        match self {
            Role::Consumer => f.consumer,
            Role::Provider => f.provider,
            Role::Both => f.consumer.worst(f.provider),
        }
    }
}

/// One thing that changed, judged for both roles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// A rule of the catalogue ([`crate::rules::RULES`]).
    pub rule: &'static str,
    /// The first use site where the change bites:
    /// `widget.events.ON_INTERACTION_REMOVED.params[0] → InteractionData.origination → InteractionOrigination`.
    pub site: String,
    /// Every use site where it bites (the first is [`Finding::site`]), in contract order.
    pub sites: Vec<String>,
    /// Where the change is written: a JSON pointer into the new document (the old one for a
    /// removal), prefixed by the file name.
    pub pointer: String,
    pub direction: Direction,
    /// What the edit does to the set of valid values; `None` for surface rules judged per role
    /// directly (an added event).
    pub effect: Option<Effect>,
    pub consumer: Verdict,
    pub provider: Verdict,
    /// The verdict for code generated by adcontract, when it differs in kind from the wire's
    /// (see the rule's statement).
    pub bindings: Option<Verdict>,
    /// A removal announced with a deprecation and a removal version (`x-until`).
    pub planned: bool,
    pub message: String,
    /// For a breaking data finding: a value valid on one side and invalid on the other,
    /// checked with the validator on both sides.
    pub witness: Option<Witness>,
    /// A stable short hash of the rule, where the change is (type-relative) and its arguments.
    pub fingerprint: String,
    /// The semver bump this finding calls for when it breaks no role.
    pub(crate) minor: bool,
}

impl Finding {
    /// The bump this finding calls for when judged for `role`.
    pub fn semver(&self, role: Role) -> Semver {
        match role.verdict(self) {
            Verdict::Breaking => Semver::Major,
            _ if self.minor => Semver::Minor,
            _ => Semver::Patch,
        }
    }
}

/// A concrete value that tells the two sides apart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Witness {
    pub value: serde_json::Value,
    /// `old` if the value is valid in the old contract only, `new` if in the new one only.
    pub valid_in: Side,
    /// The type (or site) the value is checked against, e.g. `InteractionOrigination`.
    pub against: String,
}

/// One of the two contracts being compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    Old,
    New,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Old => "old",
            Side::New => "new",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_follow_effect_and_direction() {
        use Verdict::*;
        assert_eq!(
            Effect::Widens.verdicts(Direction::Out),
            (Breaking, Compatible)
        );
        assert_eq!(
            Effect::Widens.verdicts(Direction::In),
            (Compatible, Breaking)
        );
        assert_eq!(
            Effect::Narrows.verdicts(Direction::Out),
            (Compatible, Breaking)
        );
        assert_eq!(
            Effect::Narrows.verdicts(Direction::In),
            (Breaking, Compatible)
        );
        assert_eq!(
            Effect::Widens.verdicts(Direction::Both),
            (Breaking, Breaking)
        );
        assert_eq!(
            Effect::Incomparable.verdicts(Direction::In),
            (Breaking, Breaking)
        );
        assert_eq!(Effect::Unknown.verdicts(Direction::Out), (Unknown, Unknown));
        assert_eq!(
            Effect::None.verdicts(Direction::Both),
            (Compatible, Compatible)
        );
    }
}
