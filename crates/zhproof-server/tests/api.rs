//! The API against a real socket: every endpoint, every error class, concurrency, and the
//! OpenAPI document kept in sync with what the server answers.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::{request, TestServer, TEXTS};
use serde_json::{json, Value};
use zhproof::{Checker, Date, Kind, Selector, Severity};
use zhproof_server::Config;

const AS_OF: &str = "2024-06-01";

fn as_of() -> Date {
    AS_OF.parse().unwrap()
}

fn findings_json(findings: &[zhproof::Finding]) -> Value {
    serde_json::to_value(findings).unwrap()
}

const LOCAL_DICT: &str = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n\
    赣洲\t赣州\texpression\tplace-name\terror\t地名\t民政部行政区划\n";

#[test]
fn check_answers_the_cores_findings_in_the_clis_json_form() {
    let s = TestServer::default();
    let checker = Checker::new();
    for text in TEXTS {
        let r = s.post_json("/api/v1/check", &json!({"text": text, "as_of": AS_OF}));
        assert_eq!(r.status, 200);
        assert!(r
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));
        assert_eq!(r.header("cache-control"), Some("no-store"));
        let v = r.json();
        let expected = checker.check_as_of(text, as_of());
        assert_eq!(v["findings"], findings_json(&expected), "{text}");
        assert_eq!(v["as_of"], AS_OF);
        let errors = expected
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        assert_eq!(v["counts"]["error"], errors);
    }
    // Known problems are found.
    let v = s
        .post_json("/api/v1/check", &json!({"text": TEXTS[1], "as_of": AS_OF}))
        .json();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"mobile-number"), "{rules:?}");
}

#[test]
fn options_select_ignore_severity_and_date_act_as_in_the_cli() {
    let s = TestServer::default();
    let text = TEXTS[1].to_string() + TEXTS[0];
    let body = json!({
        "text": text, "as_of": AS_OF,
        "select": ["privacy", "common-typo"], "ignore": ["id-card-number"],
        "severity": {"common-typo": "error"},
    });
    let v = s.post_json("/api/v1/check", &body).json();
    let expected = Checker::builder()
        .as_of(as_of())
        .select([
            Selector::Kind(Kind::Privacy),
            Selector::Rule("common-typo".into()),
        ])
        .ignore([Selector::Rule("id-card-number".into())])
        .severity(Selector::Rule("common-typo".into()), Severity::Error)
        .build()
        .unwrap()
        .check(&text);
    assert!(!expected.is_empty());
    assert_eq!(v["findings"], findings_json(&expected));
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["rule"] != "id-card-number"));
    // The date changes date-aware findings.
    let outdated = "国家质量监督检验检疫总局发布公告。";
    let n = |date: &str| {
        s.post_json("/api/v1/check", &json!({"text": outdated, "as_of": date}))
            .json()["findings"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(
        n("2017-01-01"),
        Checker::new()
            .check_as_of(outdated, "2017-01-01".parse().unwrap())
            .len()
    );
    assert_eq!(
        n("2024-01-01"),
        Checker::new()
            .check_as_of(outdated, "2024-01-01".parse().unwrap())
            .len()
    );
    assert_ne!(
        n("2017-01-01"),
        n("2024-01-01"),
        "the outdated name is flagged after 2018 only"
    );
}

#[test]
fn server_defaults_apply_and_requests_change_them() {
    let mut c = Config::new(Checker::new());
    c.as_of = Some(as_of());
    c.ignore = vec![Selector::Kind(Kind::Privacy)];
    c.severity = vec![(Selector::Kind(Kind::Typo), Severity::Info)];
    let s = TestServer::start(c);
    let h = s.get("/api/v1/health").json();
    assert_eq!(h["as_of"], AS_OF);
    let v = s
        .post_json(
            "/api/v1/check",
            &json!({"text": TEXTS[1].to_string() + TEXTS[0]}),
        )
        .json();
    let f = v["findings"].as_array().unwrap();
    assert_eq!(v["as_of"], AS_OF);
    assert!(f.iter().all(|f| f["kind"] != "privacy"), "{f:?}");
    assert!(f
        .iter()
        .any(|f| f["rule"] == "common-typo" && f["severity"] == "info"));
    let v = s
        .post_json(
            "/api/v1/check",
            &json!({"text": TEXTS[0], "severity": {"typo": "error"}}),
        )
        .json();
    assert_eq!(
        v["findings"][0]["severity"], "error",
        "the request's override wins"
    );
}

#[test]
fn fix_and_mask_answer_what_the_core_does() {
    let s = TestServer::default();
    let checker = Checker::new();
    for text in TEXTS {
        let v = s
            .post_json("/api/v1/fix", &json!({"text": text, "as_of": AS_OF}))
            .json();
        let fixed = checker.fix_as_of(text, as_of(), false);
        assert_eq!(v["text"], fixed);
        assert_eq!(v["changed"], fixed != *text);
        let v = s
            .post_json(
                "/api/v1/fix",
                &json!({"text": text, "as_of": AS_OF, "unsafe": true}),
            )
            .json();
        assert_eq!(v["text"], checker.fix_as_of(text, as_of(), true));
        let v = s
            .post_json("/api/v1/mask", &json!({"text": text, "as_of": AS_OF}))
            .json();
        assert_eq!(v["text"], checker.mask(text));
    }
    let v = s
        .post_json("/api/v1/fix", &json!({"text": TEXTS[0]}))
        .json();
    assert_eq!(v["text"], "会议对下一阶段工作进行了全面部署。");
    let v = s
        .post_json("/api/v1/mask", &json!({"text": TEXTS[1]}))
        .json();
    let masked = v["text"].as_str().unwrap();
    assert!(
        masked.contains("138****5678") && !masked.contains("13812345678"),
        "{masked}"
    );
    assert_eq!(masked.chars().count(), TEXTS[1].chars().count());
}

#[test]
fn named_dictionaries_are_added_per_request() {
    let mut c = Config::new(Checker::new());
    c.dictionaries.insert(
        "local".into(),
        vec![("local.tsv".into(), LOCAL_DICT.into())],
    );
    let s = TestServer::start(c);
    let text = "赣洲市政务公开月报";
    let rules = |body: Value| -> Vec<String> {
        let r = s.post_json("/api/v1/check", &body);
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        r.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    // Without the dictionary only the statistical detector sees the slip (洲 for 州); with it,
    // the dictionary's rule reports it and the detector does not report the same character twice.
    assert_eq!(rules(json!({"text": text})), ["statistical-typo"]);
    assert_eq!(
        rules(json!({"text": text, "dictionaries": ["local"]})),
        ["place-name"]
    );
    assert_eq!(
        rules(json!({"text": text, "dictionaries": ["local"], "select": ["place-name"]})),
        ["place-name"]
    );
    // The dictionary's rule exists only with the dictionary.
    let r = s.post_json(
        "/api/v1/check",
        &json!({"text": text, "select": ["place-name"]}),
    );
    assert_eq!((r.status, r.code().as_str()), (422, "unknown-rule"));
    let r = s.post_json(
        "/api/v1/check",
        &json!({"text": text, "dictionaries": ["locl"]}),
    );
    assert_eq!((r.status, r.code().as_str()), (422, "invalid-option"));
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `local`"));
    let h = s.get("/api/v1/health").json();
    assert_eq!(h["dictionaries"], json!(["local"]));
    let rules = s.get("/api/v1/rules").json();
    assert!(rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "place-name"));
}

#[test]
fn a_broken_named_dictionary_stops_the_start_with_file_and_line() {
    let mut c = Config::new(Checker::new());
    c.dictionaries.insert(
        "bad".into(),
        vec![(
            "bad.tsv".into(),
            "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\nx\n".into(),
        )],
    );
    let e = zhproof_server::Engine::new(c).unwrap_err().to_string();
    assert!(e.starts_with("dictionary `bad`: bad.tsv:2:"), "{e}");
}

#[test]
fn rules_health_and_the_page() {
    let s = TestServer::default();
    let v = s.get("/api/v1/rules").json();
    // The core's rules and the page rules HTML requests report.
    let with_pages = Checker::builder()
        .external_rules(zhproof_html::rules())
        .build()
        .unwrap();
    let expected = serde_json::to_value(with_pages.rules()).unwrap();
    assert!(v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "hidden-link"));
    assert_eq!(v["rules"], expected);
    assert_eq!(v["kinds"][1], json!({"id": "typo", "label": "错别字"}));
    let h = s.get("/api/v1/health").json();
    assert_eq!(h["status"], "ok");
    assert_eq!(h["version"], env!("CARGO_PKG_VERSION"));
    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'self'"));
    let html = String::from_utf8(page.body).unwrap();
    assert!(html.contains("lang=\"zh-CN\""));
    for asset in ["/app.js", "/style.css"] {
        assert!(html.contains(asset), "{asset}");
        let r = s.get(asset);
        assert_eq!(r.status, 200, "{asset}");
        assert!(!r.body.is_empty());
    }
}

/// Every error class gets its status and a JSON body with a code and a message.
#[test]
fn errors_are_json_with_clear_codes() {
    let mut c = Config::new(Checker::new());
    c.max_body_bytes = 1000;
    let s = TestServer::start(c);
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        (
            "invalid utf-8",
            b"{\"text\": \"\xe5\x85\"}".to_vec(),
            400,
            "invalid-utf8",
        ),
        (
            "malformed",
            b"{\"text\": \"a\",}".to_vec(),
            400,
            "malformed-json",
        ),
        (
            "not an object",
            b"\"text\"".to_vec(),
            422,
            "invalid-request",
        ),
        (
            "wrong type",
            br#"{"text": ["a"]}"#.to_vec(),
            422,
            "invalid-request",
        ),
        (
            "wrong nested type",
            br#"{"text": "a", "select": "typo"}"#.to_vec(),
            422,
            "invalid-request",
        ),
        (
            "missing text",
            br#"{"as_of": "2024-01-01"}"#.to_vec(),
            422,
            "invalid-request",
        ),
        (
            "unknown field",
            br#"{"text": "a", "selct": []}"#.to_vec(),
            422,
            "invalid-request",
        ),
        (
            "unknown rule",
            br#"{"text": "a", "select": ["comon-typo"]}"#.to_vec(),
            422,
            "unknown-rule",
        ),
        (
            "unknown kind",
            br#"{"text": "a", "ignore": ["typos"]}"#.to_vec(),
            422,
            "unknown-rule",
        ),
        (
            "bad rule syntax",
            br#"{"text": "a", "severity": {"Typo!": "error"}}"#.to_vec(),
            422,
            "unknown-rule",
        ),
        (
            "bad severity",
            br#"{"text": "a", "severity": {"typo": "fatal"}}"#.to_vec(),
            422,
            "invalid-option",
        ),
        (
            "bad date",
            br#"{"text": "a", "as_of": "2024-02-30"}"#.to_vec(),
            422,
            "invalid-option",
        ),
        (
            "bad format",
            br#"{"text": "<p>a</p>", "format": "pdf"}"#.to_vec(),
            422,
            "invalid-request",
        ),
        (
            "too large",
            format!("{{\"text\": \"{}\"}}", "字".repeat(400)).into_bytes(),
            413,
            "body-too-large",
        ),
    ];
    for (what, body, status, code) in cases {
        for path in ["/api/v1/check", "/api/v1/fix", "/api/v1/mask"] {
            let r = s.post_raw(path, &body);
            assert_eq!(
                (r.status, r.code().as_str()),
                (status, code),
                "{what} on {path}"
            );
            assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
        }
    }
    let r = s.post_raw(
        "/api/v1/check",
        br#"{"text": "a", "select": ["comon-typo"]}"#,
    );
    assert_eq!(r.json()["error"]["suggestion"], "common-typo");
    let r = s.post_raw("/api/v1/check", b"{\"text\": \"\xe5\x85\"}");
    assert_eq!(r.json()["error"]["offset"], 10);
    let r = request(
        s.addr,
        "POST",
        "/api/v1/check",
        &[("Content-Type", "text/plain")],
        b"a",
    );
    assert_eq!(
        (r.status, r.code().as_str()),
        (415, "unsupported-media-type")
    );
    // No content type is taken as JSON.
    let r = request(s.addr, "POST", "/api/v1/check", &[], br#"{"text": "a"}"#);
    assert_eq!(r.status, 200);
    let r = s.get("/api/v1/nope");
    assert_eq!((r.status, r.code().as_str()), (404, "not-found"));
    let r = s.get("/api/v1/check");
    assert_eq!((r.status, r.code().as_str()), (405, "method-not-allowed"));
    let r = s.post_raw("/api/v1/rules", b"{}");
    assert_eq!((r.status, r.code().as_str()), (405, "method-not-allowed"));
    // At the limit exactly, accepted.
    let body = format!("{{\"text\": \"{}\"}}", "a".repeat(1000 - 12));
    assert_eq!(body.len(), 1000);
    assert_eq!(s.post_raw("/api/v1/check", body.as_bytes()).status, 200);
}

#[test]
fn a_slow_body_times_out_with_408() {
    use std::io::Write;
    let mut c = Config::new(Checker::new());
    c.timeout = Duration::from_secs(1);
    let s = TestServer::start(c);
    let mut conn = std::net::TcpStream::connect(s.addr).unwrap();
    write!(
        conn,
        "POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"text\": "
    )
    .unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let r = common::read_reply(&mut conn);
    assert_eq!((r.status, r.code().as_str()), (408, "timeout"));
}

#[test]
fn concurrent_requests_get_the_same_findings_as_the_core() {
    let s = TestServer::default();
    let checker = Checker::new();
    let long: String = TEXTS.concat().repeat(40);
    let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
    texts.push(long);
    let expected: Vec<Value> = texts
        .iter()
        .map(|t| findings_json(&checker.check_as_of(t, as_of())))
        .collect();
    std::thread::scope(|scope| {
        for worker in 0..12 {
            let (s, texts, expected) = (&s, &texts, &expected);
            scope.spawn(move || {
                for round in 0..8 {
                    let i = (worker + round) % texts.len();
                    let v = s
                        .post_json("/api/v1/check", &json!({"text": texts[i], "as_of": AS_OF}))
                        .json();
                    assert_eq!(v["findings"], expected[i], "worker {worker} text {i}");
                }
            });
        }
    });
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

/// The OpenAPI document lists exactly the routes, request fields, response fields and error
/// codes the server has.
#[test]
fn openapi_document_matches_the_server() {
    let s = TestServer::default();
    let doc = s.get("/api/v1/openapi.json").json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(p, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (p.clone(), m.clone()))
        })
        .collect();
    let served: BTreeSet<(String, String)> = zhproof_server::API_ROUTES
        .iter()
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    assert_eq!(documented, served);
    for (path, method) in zhproof_server::API_ROUTES {
        let r = if *method == "get" {
            s.get(path)
        } else {
            s.post_json(path, &json!({"text": "全面布署"}))
        };
        assert_eq!(r.status, 200, "{path}");
    }
    let schema = |name: &str| doc["components"]["schemas"][name]["properties"].clone();
    let props = |name: &str| keys(&schema(name));
    let fields: BTreeSet<String> = zhproof_server::api::REQUEST_FIELDS
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(props("Request"), fields);
    let check = s
        .post_json("/api/v1/check", &json!({"text": TEXTS[1]}))
        .json();
    assert_eq!(props("CheckResponse"), keys(&check));
    assert_eq!(props("Finding"), keys(&check["findings"][0]));
    assert_eq!(props("Counts"), keys(&check["counts"]));
    assert_eq!(
        props("TextResponse"),
        keys(&s.post_json("/api/v1/fix", &json!({"text": "a"})).json())
    );
    assert_eq!(props("Health"), keys(&s.get("/api/v1/health").json()));
    let rules = s.get("/api/v1/rules").json();
    assert_eq!(props("RulesResponse"), keys(&rules));
    assert_eq!(props("Rule"), keys(&rules["rules"][0]));
    let codes: BTreeSet<String> = schema("Error")["error"]["properties"]["code"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    use zhproof_server::ApiError as E;
    let every = [
        E::InvalidUtf8 { offset: 0 },
        E::MalformedJson {
            message: String::new(),
            line: 1,
            column: 1,
        },
        E::InvalidRequest(String::new()),
        E::UnknownRule {
            field: "select",
            name: String::new(),
            suggestion: None,
        },
        E::InvalidOption {
            field: "as_of",
            message: String::new(),
        },
        E::Unsupported(String::new()),
        E::TooLarge { limit: 1 },
        E::UnsupportedMediaType,
        E::NotFound(String::new()),
        E::MethodNotAllowed("GET"),
        E::Timeout { seconds: 1 },
        E::Overloaded,
        E::Internal,
    ];
    let ours: BTreeSet<String> = every.iter().map(|e| e.code().to_string()).collect();
    assert_eq!(codes, ours);
    for e in &every {
        let status = e.status().to_string();
        let responses = doc["paths"]["/api/v1/check"]["post"]["responses"]
            .as_object()
            .unwrap();
        if e.status() != 404 && e.status() != 405 {
            assert!(
                responses.contains_key(&status),
                "{status} documented for {}",
                e.code()
            );
        }
        for field in keys(&e.body()["error"]) {
            assert!(
                schema("Error")["error"]["properties"].get(&field).is_some(),
                "{field}"
            );
        }
    }
}
