//! Combining the parts of each definition (`=`, `|=`, `&=`) into one pattern.

use super::raw::{DefineId, Raw, RawId};
use super::translate::{Define, Translated};
use crate::rnc::ast::Combine;

/// The body of each definition (indexed by [`DefineId`]); `None` when it has no part or
/// its parts cannot be combined, which is reported in `translated.problems`.
pub fn combine_definitions(translated: &mut Translated) -> Vec<Option<RawId>> {
    (0..translated.defines.len())
        .map(|index| combine_one(translated, DefineId(index as u32)))
        .collect()
}

fn combine_one(translated: &mut Translated, id: DefineId) -> Option<RawId> {
    let define = &translated.defines[id.0 as usize];
    let parts = define.parts.clone();
    let Some(first) = parts.first() else {
        report_missing(translated, id);
        return None;
    };
    let assigned: Vec<_> = parts
        .iter()
        .filter(|part| part.combine == Combine::Assign)
        .collect();
    if let Some(second) = assigned.get(1) {
        let message = format!("{} is defined more than once", describe(define));
        translated.rule(second.origin, message);
        return None;
    }
    let mut methods = parts.iter().filter(|part| part.combine != Combine::Assign);
    if let Some(method) = methods.next() {
        if let Some(conflict) = methods.find(|part| part.combine != method.combine) {
            let message = format!(
                "{} is combined with both \"|=\" and \"&=\"",
                describe(define)
            );
            translated.rule(conflict.origin, message);
            return None;
        }
    }
    if parts.len() == 1 {
        return Some(first.pattern);
    }
    let method = parts
        .iter()
        .map(|part| part.combine)
        .find(|&combine| combine != Combine::Assign)
        .unwrap_or(Combine::Choice);
    let items: Vec<RawId> = parts.iter().map(|part| part.pattern).collect();
    let raw = match method {
        Combine::Interleave => Raw::Interleave(items),
        Combine::Choice | Combine::Assign => Raw::Choice(items),
    };
    Some(translated.raw.add(raw, first.origin))
}

/// A definition without parts: an undefined reference, or a grammar without `start`.
fn report_missing(translated: &mut Translated, id: DefineId) {
    let define = &translated.defines[id.0 as usize];
    match (&define.name, define.first_reference) {
        (Some(name), Some(reference)) => {
            let message = format!("reference to undefined pattern \"{name}\"");
            translated.rule(reference, message);
        }
        (Some(_), None) => {}
        (None, _) => {
            let origin = translated.grammars[define.grammar.0 as usize].origin;
            translated.rule(origin, "the grammar has no start");
        }
    }
}

fn describe(define: &Define) -> String {
    match &define.name {
        Some(name) => format!("\"{name}\""),
        None => "start".to_owned(),
    }
}
