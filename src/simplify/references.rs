//! Checks on references: no definition may refer to itself except through an element
//! (specification 4.19), and definitions that nothing reaches are reported as warnings.

use super::error::SchemaWarning;
use super::raw::{DefineId, Origin, Raw, RawArena, RawId};
use super::translate::Translated;

/// The references in a pattern, each with where it is written; `through_elements` says
/// whether element content counts.
fn references(raw: &RawArena, root: RawId, through_elements: bool) -> Vec<(DefineId, Origin)> {
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        match raw.get(id) {
            Raw::Ref(define) => found.push((*define, raw.origin(id))),
            Raw::Element(..) if !through_elements => {}
            _ => stack.extend(raw.children(id)),
        }
    }
    found
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    Open,
    Done,
}

/// Reports every reachable definition that refers to itself without passing through an
/// element (`a = b`, `b = a | empty`): such a pattern has no meaning. Loops among
/// definitions that nothing uses are harmless, as for jing.
pub fn check_recursion(translated: &mut Translated, bodies: &[Option<RawId>], reached: &[bool]) {
    let mut state = vec![Visit::New; bodies.len()];
    let mut loops = Vec::new();
    for root in 0..bodies.len() {
        if state[root] != Visit::New || !reached[root] {
            continue;
        }
        // Depth-first, with an explicit stack: a chain of definitions can be long.
        let mut stack: Vec<(usize, Vec<(DefineId, Origin)>)> = Vec::new();
        state[root] = Visit::Open;
        stack.push((root, refs_of(translated, bodies, root)));
        while let Some((define, pending)) = stack.last_mut() {
            let define = *define;
            match pending.pop() {
                Some((next, origin)) => match state[next.0 as usize] {
                    Visit::Open => loops.push((next, origin)),
                    Visit::Done => {}
                    Visit::New => {
                        state[next.0 as usize] = Visit::Open;
                        let refs = refs_of(translated, bodies, next.0 as usize);
                        stack.push((next.0 as usize, refs));
                    }
                },
                None => {
                    state[define] = Visit::Done;
                    stack.pop();
                }
            }
        }
    }
    for (define, origin) in loops {
        let name = translated.defines[define.0 as usize]
            .name
            .clone()
            .unwrap_or_else(|| "start".to_owned());
        translated.rule(
            origin,
            format!("\"{name}\" refers to itself without an element in between"),
        );
    }
}

fn refs_of(
    translated: &Translated,
    bodies: &[Option<RawId>],
    define: usize,
) -> Vec<(DefineId, Origin)> {
    bodies[define]
        .map(|body| references(&translated.raw, body, false))
        .unwrap_or_default()
}

/// The definitions reachable from `start` (indexed by [`DefineId`]), and a warning for
/// each named definition that is not.
pub fn reachable(
    translated: &Translated,
    bodies: &[Option<RawId>],
    start: DefineId,
) -> (Vec<bool>, Vec<SchemaWarning>) {
    let mut reached = vec![false; bodies.len()];
    let mut work = vec![start];
    reached[start.0 as usize] = true;
    while let Some(define) = work.pop() {
        let Some(body) = bodies[define.0 as usize] else {
            continue;
        };
        for (next, _) in references(&translated.raw, body, true) {
            if !reached[next.0 as usize] {
                reached[next.0 as usize] = true;
                work.push(next);
            }
        }
    }
    let warnings = translated
        .defines
        .iter()
        .zip(&reached)
        .filter(|(define, reached)| !**reached && !define.parts.is_empty())
        .filter_map(|(define, _)| {
            let name = define.name.as_ref()?;
            let origin = define.parts[0].origin;
            let source = &translated.sources[origin.file.0 as usize];
            Some(SchemaWarning {
                file: source.name.clone(),
                location: crate::location::Location::of_offset(&source.text, origin.span.start),
                message: format!("the definition \"{name}\" is never used"),
            })
        })
        .collect();
    (reached, warnings)
}
