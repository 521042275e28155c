//! Unit tests of the public API; the verdict table checked against jing is in
//! `tests/datatypes.rs`.

use super::builder::count_param;
use super::*;

fn build(library: &str, name: &str, params: &[(&str, &str)]) -> Result<Datatype, DatatypeError> {
    let mut builder = DatatypeBuilder::new(library, name)?;
    for (param, value) in params {
        builder.add_param(param, value, &NoNamespaces)?;
    }
    builder.finish()
}

fn xsd(name: &str, params: &[(&str, &str)]) -> Datatype {
    match build(XSD_LIBRARY, name, params) {
        Ok(datatype) => datatype,
        Err(error) => panic!("xsd:{name}: {error}"),
    }
}

fn phrase(datatype: &Datatype, text: &str) -> Option<String> {
    datatype
        .check(text, &NoNamespaces)
        .err()
        .map(|rejection| rejection.phrase().to_owned())
}

#[test]
fn display_writes_the_schema_form() {
    assert_eq!(xsd("integer", &[]).to_string(), "xsd:integer");
    assert_eq!(
        xsd("float", &[("minInclusive", "0"), ("maxInclusive", "1")]).to_string(),
        r#"xsd:float { minInclusive = "0" maxInclusive = "1" }"#
    );
    assert_eq!(
        xsd("string", &[("pattern", "\"\\d")]).to_string(),
        r#"xsd:string { pattern = "\x{22}\d" }"#
    );
    let token = build(BUILTIN_LIBRARY, "token", &[]).map(|d| d.to_string());
    assert_eq!(token.as_deref(), Ok("token"));
}

#[test]
fn phrases_follow_a_quoted_value() {
    let frame = xsd("integer", &[("minInclusive", "1")]);
    assert_eq!(
        phrase(&frame, "abc").as_deref(),
        Some("is not a valid integer")
    );
    assert_eq!(
        phrase(&frame, "0").as_deref(),
        Some("is less than the minimum 1")
    );
    let name = xsd("string", &[("minLength", "1")]);
    assert_eq!(
        phrase(&name, "").as_deref(),
        Some("is shorter than the minimum length 1")
    );
    let colour = xsd("string", &[("pattern", "#[0-9a-fA-F]{6}")]);
    assert_eq!(
        phrase(&colour, "#12345g").as_deref(),
        Some("does not match the pattern \"#[0-9a-fA-F]{6}\"")
    );
    assert_eq!(
        phrase(&xsd("float", &[]), "1e").as_deref(),
        Some("is not a valid float")
    );
    assert_eq!(
        phrase(&xsd("byte", &[]), "128").as_deref(),
        Some("is greater than the maximum 127")
    );
    let positive = xsd("float", &[("minExclusive", "0")]);
    assert_eq!(
        phrase(&positive, "NaN").as_deref(),
        Some("is not greater than 0")
    );
    let unit = xsd("float", &[("minInclusive", "0")]);
    assert_eq!(
        phrase(&unit, "NaN").as_deref(),
        Some("cannot be compared with the minimum 0")
    );
}

#[test]
fn phrases_stay_short() {
    let long = "x".repeat(10_000);
    let datatype = xsd("string", &[("pattern", &format!("{long}y"))]);
    let rejection = phrase(&datatype, &long).unwrap_or_default();
    assert!(rejection.len() < 100, "{rejection}");
}

#[test]
fn schema_errors() {
    let error = |library, name, params: &[(&str, &str)]| build(library, name, params).err();
    assert_eq!(
        error("urn:nothing", "x", &[]),
        Some(DatatypeError::UnknownLibrary {
            uri: "urn:nothing".to_owned()
        })
    );
    assert!(matches!(
        error(XSD_LIBRARY, "foo", &[]),
        Some(DatatypeError::UnknownType { .. })
    ));
    assert!(matches!(
        error(BUILTIN_LIBRARY, "string", &[("length", "1")]),
        Some(DatatypeError::UnknownParam { .. })
    ));
    assert!(matches!(
        error(XSD_LIBRARY, "string", &[("enumeration", "a")]),
        Some(DatatypeError::ForbiddenParam { .. })
    ));
    assert!(matches!(
        error(XSD_LIBRARY, "integer", &[("length", "1")]),
        Some(DatatypeError::InapplicableParam { .. })
    ));
    assert!(matches!(
        error(XSD_LIBRARY, "integer", &[("minInclusive", "abc")]),
        Some(DatatypeError::BadParamValue { .. })
    ));
    assert!(matches!(
        error(XSD_LIBRARY, "string", &[("minLength", "x")]),
        Some(DatatypeError::BadParamValue { .. })
    ));
    assert!(matches!(
        error(XSD_LIBRARY, "string", &[("pattern", "(?:a)")]),
        Some(DatatypeError::BadParamValue { .. })
    ));
    assert!(matches!(
        error(
            XSD_LIBRARY,
            "integer",
            &[("maxInclusive", "10"), ("minInclusive", "20")]
        ),
        Some(DatatypeError::BadParamValue { .. })
    ));
}

#[test]
fn count_params_read_like_jing() {
    assert_eq!(count_param(" 3 ", 0), Some(3));
    assert_eq!(count_param("+01", 0), Some(1));
    assert_eq!(count_param("1.", 0), Some(1));
    assert_eq!(count_param("-0", 0), Some(0));
    assert_eq!(count_param("99999999999999", 0), Some(i32::MAX as usize));
    assert_eq!(count_param("1.0", 0), None);
    assert_eq!(count_param("-1", 0), None);
    assert_eq!(count_param("0", 1), None);
    assert_eq!(count_param("x", 0), None);
    assert_eq!(count_param("0.0000001", 0), Some(i32::MAX as usize));
    assert_eq!(count_param("-0.0000000", 0), Some(i32::MAX as usize));
    assert_eq!(count_param("-0.0000001", 0), None);
    assert_eq!(count_param("0.00000010", 0), None);
    assert_eq!(count_param("0.0000012", 0), None);
}

struct Prefixes(&'static [(&'static str, &'static str)]);

impl NamespaceContext for Prefixes {
    fn resolve(&self, prefix: &str) -> Option<&str> {
        self.0.iter().find(|(p, _)| *p == prefix).map(|(_, ns)| *ns)
    }
}

#[test]
fn qnames_compare_resolved_names() {
    let qname = xsd("QName", &[]);
    assert!(qname.needs_context());
    let schema = Prefixes(&[("p", "urn:p")]);
    let Ok(value) = qname.value("p:x", &schema) else {
        panic!("p:x is a QName")
    };
    assert!(qname.matches_value(&value, "z:x", &Prefixes(&[("z", "urn:p")])));
    assert!(!qname.matches_value(&value, "p:x", &Prefixes(&[("p", "urn:q")])));
    assert!(!qname.matches_value(&value, "x", &NoNamespaces));
    assert_eq!(
        qname
            .check("q:x", &schema)
            .err()
            .map(|r| r.phrase().to_owned())
            .as_deref(),
        Some("uses the undeclared prefix \"q\"")
    );
    assert!(qname.check("xml:lang", &NoNamespaces).is_ok());
}

struct Entities;

impl NamespaceContext for Entities {
    fn resolve(&self, _prefix: &str) -> Option<&str> {
        None
    }

    fn is_unparsed_entity(&self, name: &str) -> bool {
        name == "logo"
    }
}

#[test]
fn entities_come_from_the_context() {
    let entity = xsd("ENTITY", &[]);
    assert!(entity.needs_context());
    assert!(entity.check("logo", &Entities).is_ok());
    assert_eq!(
        phrase(&entity, "logo").as_deref(),
        Some("is not declared as an unparsed entity")
    );
    let entities = xsd("ENTITIES", &[]);
    assert!(entities.check("logo logo", &Entities).is_ok());
    assert_eq!(
        entities
            .check("logo icon", &Entities)
            .err()
            .map(|r| r.phrase().to_owned())
            .as_deref(),
        Some("contains \"icon\", which is not declared as an unparsed entity")
    );
}

#[test]
fn id_types() {
    assert_eq!(xsd("ID", &[]).id_type(), IdType::Id);
    assert_eq!(xsd("IDREF", &[]).id_type(), IdType::Idref);
    assert_eq!(xsd("IDREFS", &[]).id_type(), IdType::Idrefs);
    assert_eq!(xsd("NCName", &[]).id_type(), IdType::Null);
}

#[test]
fn value_equality() {
    let float = xsd("float", &[]);
    let same = |datatype: &Datatype, literal: &str, text: &str| match datatype
        .value(literal, &NoNamespaces)
    {
        Ok(value) => datatype.matches_value(&value, text, &NoNamespaces),
        Err(rejection) => panic!("{literal}: {rejection}"),
    };
    assert!(same(&float, "1.0", "1"));
    assert!(same(&float, "1.0", "1.00000001"));
    assert!(same(&float, "NaN", "NaN"));
    assert!(same(&float, "0", "-0"));
    assert!(same(&xsd("boolean", &[]), "1", "true"));
    assert!(same(&xsd("decimal", &[]), "1.50", " 01.5 "));
    assert!(same(&xsd("token", &[]), " a  b ", "a\tb"));
    assert!(same(&xsd("hexBinary", &[]), "0f", "0F"));
    assert!(!same(&xsd("duration", &[]), "P1D", "PT24H"));
    let Ok(string) = build(BUILTIN_LIBRARY, "string", &[]) else {
        panic!("builtin string")
    };
    assert!(!same(&string, "a b", "a  b"));
}

/// Counts the allocations made by the current thread while counting is on: passes
/// everything to the system allocator (the default one), so other tests are unaffected.
mod allocations {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    struct Counting;

    thread_local! {
        static COUNTING: Cell<bool> = const { Cell::new(false) };
        static COUNT: Cell<usize> = const { Cell::new(0) };
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            if COUNTING.with(Cell::get) {
                COUNT.with(|count| count.set(count.get() + 1));
            }
            // SAFETY: the caller's contract is passed on unchanged.
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: the caller's contract is passed on unchanged.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    /// How many allocations `f` makes on this thread.
    pub(super) fn count(f: impl FnOnce()) -> usize {
        COUNT.with(|count| count.set(0));
        COUNTING.with(|counting| counting.set(true));
        f();
        COUNTING.with(|counting| counting.set(false));
        COUNT.with(Cell::get)
    }
}

#[test]
fn checks_do_not_allocate() {
    let unit = xsd("float", &[("minInclusive", "0"), ("maxInclusive", "1")]);
    let frame = xsd("integer", &[("minInclusive", "1")]);
    let name = xsd("token", &[("minLength", "1"), ("maxLength", "64")]);
    let colour = xsd("string", &[("pattern", "#[0-9a-fA-F]{6}")]);
    let when = xsd("dateTime", &[("minInclusive", "2000-01-01T00:00:00Z")]);
    let token = match build(BUILTIN_LIBRARY, "token", &[]) {
        Ok(token) => token,
        Err(error) => panic!("{error}"),
    };
    let Ok(yes) = token.value("yes", &NoNamespaces) else {
        panic!("a token value")
    };
    // The regex crate allocates its matching cache on first use in a thread.
    assert!(colour.check("#000000", &NoNamespaces).is_ok());
    let allocations = allocations::count(|| {
        for _ in 0..100 {
            assert!(unit.check("0.5", &NoNamespaces).is_ok());
            assert!(unit.check(" 1 ", &NoNamespaces).is_ok());
            assert!(frame
                .check("99999999999999999999999", &NoNamespaces)
                .is_ok());
            assert!(name.check("sh010_comp_v003", &NoNamespaces).is_ok());
            assert!(colour.check("#12abEF", &NoNamespaces).is_ok());
            assert!(when.check("2001-10-26T21:32:52Z", &NoNamespaces).is_ok());
            assert!(token.matches_value(&yes, "yes", &NoNamespaces));
        }
    });
    assert_eq!(allocations, 0);
}
