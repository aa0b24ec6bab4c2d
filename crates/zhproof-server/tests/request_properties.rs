//! Property test of the request parser through a real socket: arbitrary JSON bodies (objects
//! with the request's field names and others, values of any type, nested) and arbitrary bytes
//! never get a 5xx answer, and every answer is JSON.

mod common;

use std::sync::OnceLock;

use common::TestServer;
use proptest::prelude::*;
use serde_json::{Map, Value};

fn server() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| {
        let mut c = zhproof_server::Config::new(zhproof::Checker::new());
        c.max_body_bytes = 4096;
        TestServer::start(c)
    })
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::String),
        prop_oneof![
            Just("2024-06-01"),
            Just("typo"),
            Just("privacy"),
            Just("common-typo"),
            Just("error"),
            Just("html"),
            Just("text"),
            Just("全面布署，电话13812345678"),
        ]
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(zhproof_server::api::REQUEST_FIELDS).prop_map(str::to_string),
        1 => "[a-z_]{1,8}",
    ]
}

/// A request-shaped object: `text` is usually present, other fields drawn at random.
fn request_like() -> impl Strategy<Value = Value> {
    (
        "\\PC{0,60}",
        prop::collection::vec((key(), any_json()), 0..5),
        any::<bool>(),
    )
        .prop_map(|(text, fields, with_text)| {
            let mut m = Map::new();
            if with_text {
                m.insert("text".into(), Value::String(text));
            }
            for (k, v) in fields {
                m.insert(k, v);
            }
            Value::Object(m)
        })
}

fn assert_answer(path: &str, body: &[u8]) -> Result<(), TestCaseError> {
    let r = server().post_raw(path, body);
    prop_assert!(
        matches!(r.status, 200 | 400 | 413 | 422),
        "status {} for {:?}: {}",
        r.status,
        String::from_utf8_lossy(body),
        String::from_utf8_lossy(&r.body)
    );
    let v: Value =
        serde_json::from_slice(&r.body).map_err(|e| TestCaseError::fail(e.to_string()))?;
    if r.status != 200 {
        prop_assert!(v["error"]["code"].is_string() && v["error"]["message"].is_string());
    }
    Ok(())
}

const PATHS: [&str; 3] = ["/api/v1/check", "/api/v1/fix", "/api/v1/mask"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn request_shaped_json_never_gets_a_5xx(v in request_like(), p in 0..3usize) {
        assert_answer(PATHS[p], v.to_string().as_bytes())?;
    }

    #[test]
    fn any_json_never_gets_a_5xx(v in any_json(), p in 0..3usize) {
        assert_answer(PATHS[p], v.to_string().as_bytes())?;
    }

    #[test]
    fn any_bytes_never_get_a_5xx(b in prop::collection::vec(any::<u8>(), 0..300), p in 0..3usize) {
        assert_answer(PATHS[p], &b)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// The parser alone, many more cases: it never panics, and what it accepts has a string
    /// `text` and only known fields.
    #[test]
    fn parser_accepts_only_request_shapes(v in request_like()) {
        let bytes = v.to_string().into_bytes();
        if let Ok(req) = zhproof_server::api::parse_request(&bytes) {
            prop_assert_eq!(Some(req.text.as_str()), v["text"].as_str());
            for k in v.as_object().unwrap().keys() {
                prop_assert!(zhproof_server::api::REQUEST_FIELDS.contains(&k.as_str()));
            }
        }
    }
}
