//! Every rule's catalogue example is its fixture: the rule fires, with the verdict for each
//! role that the catalogue states, in each direction; breaking data findings carry a witness.

use adcontract_diff::rules::{Category, Judgement, RULES};
use adcontract_diff::{Direction, Effect, Verdict, diff, example};

/// The polarity of the model, written out independently of `Effect::verdicts`: whoever
/// receives a value must accept every value the sender may send.
fn expected(effect: Effect, direction: Direction) -> (Verdict, Verdict) {
    use Verdict::{Breaking as B, Compatible as C, Unknown as U};
    match (effect, direction) {
        (Effect::Widens, Direction::Out) => (B, C),
        (Effect::Widens, Direction::In) => (C, B),
        (Effect::Narrows, Direction::Out) => (C, B),
        (Effect::Narrows, Direction::In) => (B, C),
        (Effect::Incomparable, _) | (Effect::Widens | Effect::Narrows, Direction::Both) => (B, B),
        (Effect::Unknown, _) => (U, U),
        (Effect::None, _) => (C, C),
    }
}

#[test]
fn every_rule_fires_on_its_example_with_the_catalogued_verdicts() {
    let mut problems = Vec::new();
    for rule in RULES {
        let pairs = example::sides(rule).unwrap_or_else(|e| panic!("{}: {e}", rule.id));
        for (direction, old, new) in pairs {
            let d = diff(&old, &new).unwrap_or_else(|e| panic!("{}: {e}", rule.id));
            let hits: Vec<_> = d.findings.iter().filter(|f| f.rule == rule.id).collect();
            let others: Vec<_> = d
                .findings
                .iter()
                .filter(|f| f.rule != rule.id && f.rule != "type-added" && f.rule != "type-removed")
                .map(|f| f.rule)
                .collect();
            if hits.len() != 1 || !others.is_empty() {
                problems.push(format!(
                    "{} ({direction:?}): {} findings of the rule, others {others:?}",
                    rule.id,
                    hits.len()
                ));
                continue;
            }
            let f = hits[0];
            if let Some(want) = direction {
                if f.direction != want {
                    problems.push(format!(
                        "{}: direction {:?}, want {want:?}",
                        rule.id, f.direction
                    ));
                }
            }
            if let Judgement::Computed(_) = rule.judgement {
                if f.effect != rule.example.effect {
                    problems.push(format!(
                        "{}: effect {:?}, want {:?}",
                        rule.id, f.effect, rule.example.effect
                    ));
                }
            }
            let want = match (rule.judgement, f.effect) {
                (Judgement::Fixed { consumer, provider }, _) => (consumer, provider),
                (_, Some(effect)) => expected(effect, f.direction),
                (_, None) => panic!("{}: a data or parameter finding without an effect", rule.id),
            };
            if (f.consumer, f.provider) != want {
                problems.push(format!(
                    "{}: verdicts {:?}/{:?}, catalogue says {want:?}",
                    rule.id, f.consumer, f.provider
                ));
            }
            let breaking = f.consumer == Verdict::Breaking || f.provider == Verdict::Breaking;
            if rule.category == Category::Data && breaking && f.witness.is_none() {
                problems.push(format!(
                    "{} ({direction:?}): breaking without a witness",
                    rule.id
                ));
            }
            if !d.missing_witnesses.is_empty() {
                problems.push(format!(
                    "{}: missing witnesses {:?}",
                    rule.id, d.missing_witnesses
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn data_examples_give_opposite_verdicts_in_the_two_directions() {
    // The polarity check: a widening that breaks consumers at an `out` site breaks providers at
    // an `in` site, and vice versa.
    for rule in RULES.iter().filter(|r| r.category == Category::Data) {
        let mut seen = Vec::new();
        for (direction, old, new) in example::sides(rule).unwrap() {
            let d = diff(&old, &new).unwrap();
            let f = d.findings.iter().find(|f| f.rule == rule.id).unwrap();
            seen.push((direction, f.consumer, f.provider));
        }
        let [
            (Some(Direction::In), ci, pi),
            (Some(Direction::Out), co, po),
        ] = seen[..]
        else {
            panic!("{}: {seen:?}", rule.id);
        };
        assert_eq!((ci, pi), (po, co), "{}", rule.id);
    }
}
