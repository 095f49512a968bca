//! How each kind of argument is bound and answered.

use super::*;

fn number(value: f64) -> Arg {
    Arg::Number(value)
}

#[test]
fn limits_follow_drizzle() {
    assert_eq!(Arg::Undefined.limit(), Ok(SqlValue::Integer(10)));
    assert_eq!(number(0.0).limit(), Ok(SqlValue::Integer(0)));
    assert_eq!(number(-0.0).limit(), Ok(SqlValue::Real(-0.0)));
    assert_eq!(number(2.5).limit(), Ok(SqlValue::Real(2.5)));
    for all in [
        number(-1.0),
        number(f64::NAN),
        number(f64::NEG_INFINITY),
        Arg::Text("5".into()),
        Arg::Boolean(true),
        Arg::BigInt { zero: false },
        Arg::Primitive("a symbol"),
    ] {
        assert_eq!(all.limit(), Ok(SqlValue::Integer(-1)), "{all:?}");
    }
    assert_eq!(Arg::Null.limit(), Ok(SqlValue::Null));
    let array = |only: Option<Arg>| Arg::Array {
        only: only.map(Box::new),
        bytes: None,
    };
    assert_eq!(array(Some(number(3.0))).limit(), Ok(SqlValue::Integer(3)));
    let nested = array(Some(array(Some(number(2.0)))));
    assert_eq!(nested.limit(), Ok(SqlValue::Integer(2)));
    assert!(array(None).limit().is_err());
    assert!(Arg::Object.limit().is_err());
    assert!(array(Some(Arg::Undefined)).limit().is_err());
}

#[test]
fn truthiness_is_javascripts() {
    let falsy = [
        Arg::Undefined,
        Arg::Null,
        Arg::Boolean(false),
        number(0.0),
        number(-0.0),
        number(f64::NAN),
        Arg::Text(String::new()),
        Arg::BigInt { zero: true },
    ];
    assert!(falsy.iter().all(|arg| !arg.is_truthy()));
    let truthy = [
        Arg::Boolean(true),
        number(-1.0),
        Arg::Text("0".into()),
        Arg::BigInt { zero: false },
        Arg::Bytes(Vec::new()),
        Arg::Object,
    ];
    assert!(truthy.iter().all(Arg::is_truthy));
}

#[test]
fn titles_are_title_or_null() {
    assert_eq!(number(0.0).title(), Ok(Scalar::Null));
    assert_eq!(Arg::BigInt { zero: true }.title(), Ok(Scalar::Null));
    assert_eq!(number(5.0).title(), Ok(Scalar::Number(5.0)));
    assert!(Arg::Object.title().is_err());
}

#[test]
fn undefined_is_null_in_an_insert_and_refused_in_a_comparison() {
    assert_eq!(
        Arg::Undefined.scalar("id").unwrap().inserted(),
        SqlValue::Null
    );
    let error = Arg::Undefined.compared("conversationId").unwrap_err();
    assert_eq!(
        error.to_string(),
        "conversationId must be a string, number, boolean or null (what D1 binds), got undefined"
    );
    assert_eq!(
        Arg::Boolean(true).compared("x"),
        Ok(SqlValue::Boolean(true))
    );
}
