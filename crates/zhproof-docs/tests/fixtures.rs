//! The office fixtures of tests/fixtures/office (made by scripts/make_office_fixtures.py): each
//! finding at its known location; masked copies; bad input.

use std::io::Write;
use std::path::{Path, PathBuf};

use zhproof_docs::{Error, Format, Limits, Location};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/office")
        .join(name)
}

/// `(location, rule, flagged text)` of every finding, sorted.
fn findings(path: &Path) -> Vec<(String, String, String)> {
    let doc = zhproof_docs::read_path(path, &Limits::default()).unwrap();
    let checker = zhproof::Checker::new();
    let mut v: Vec<_> = zhproof_docs::check(&checker, &doc)
        .into_iter()
        .map(|(l, f)| (l.to_string(), f.rule, f.text))
        .collect();
    v.sort();
    v
}

fn t(l: &str, r: &str, x: &str) -> (String, String, String) {
    (l.into(), r.into(), x.into())
}

const ID: &str = "110101199003074514";
const PHONE: &str = "13812345678";

#[test]
fn docx_paragraphs_tables_and_footers() {
    assert_eq!(
        findings(&fixture("notice.docx")),
        vec![
            t("footer1 paragraph 1", "mobile-number", PHONE),
            t("paragraph 2", "common-typo", "布署"),
            t("paragraph 7", "id-card-number", ID),
            t("paragraph 8", "mobile-number", PHONE),
        ]
    );
}

#[test]
fn odt_paragraphs_and_footer() {
    assert_eq!(
        findings(&fixture("notice.odt")),
        vec![
            t("header/footer paragraph 1", "mobile-number", PHONE),
            t("paragraph 2", "common-typo", "布署"),
            t("paragraph 3", "mobile-number", PHONE),
            t("paragraph 4", "id-card-number", ID),
        ]
    );
}

#[test]
fn spreadsheets_report_sheet_and_cell() {
    let expected = vec![
        t("名单!B2", "id-card-number", ID),
        t("名单!C2", "mobile-number", PHONE),
        t("名单!D2", "common-typo", "布署"),
    ];
    let mut xlsx = expected.clone();
    xlsx.push(t("Sheet2!C5", "mobile-number", PHONE));
    xlsx.sort();
    assert_eq!(findings(&fixture("list.xlsx")), xlsx);
    assert_eq!(findings(&fixture("list.xls")), expected);
    assert_eq!(findings(&fixture("list.ods")), expected);
}

#[test]
fn pdf_pages() {
    assert_eq!(
        findings(&fixture("notice.pdf")),
        vec![
            t("page 1", "mobile-number", PHONE),
            t("page 2", "common-typo", "布署"),
        ]
    );
}

#[test]
fn bad_input_gets_a_clear_error() {
    let err = |name: &str| zhproof_docs::read_path(&fixture(name), &Limits::default()).unwrap_err();
    assert!(matches!(err("encrypted.docx"), Error::Encrypted));
    assert!(matches!(err("truncated.docx"), Error::Corrupt(_)));
    let legacy = err("renamed.doc");
    assert!(matches!(legacy, Error::Legacy { .. }));
    assert!(legacy.to_string().contains("save it as .docx"), "{legacy}");
    // Not what the name says.
    let e = zhproof_docs::read_bytes(Format::Xlsx, b"hello", &Limits::default()).unwrap_err();
    assert!(matches!(e, Error::Corrupt(_)), "{e}");
    let e =
        zhproof_docs::read_bytes(Format::Pdf, b"%PDF-1.4 garbage", &Limits::default()).unwrap_err();
    assert!(matches!(e, Error::Corrupt(_)), "{e}");
    let e = zhproof_docs::read_bytes(Format::Xls, b"not ole", &Limits::default()).unwrap_err();
    assert!(matches!(e, Error::Corrupt(_)), "{e}");
}

/// A zip whose one entry expands to `size` zero bytes.
fn zip_bomb(name: &str, size: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file(name, opts).unwrap();
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..size >> 20 {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn zip_bombs_stop_at_the_limits() {
    let limits = Limits {
        max_entry_bytes: 4 << 20,
        ..Limits::default()
    };
    let bomb = zip_bomb("word/document.xml", 16 << 20);
    assert!(bomb.len() < 100_000, "{}", bomb.len());
    let e = zhproof_docs::read_bytes(Format::Docx, &bomb, &limits).unwrap_err();
    assert!(matches!(e, Error::TooLarge(_)), "{e}");
    assert!(e.to_string().contains("word/document.xml"), "{e}");
    let e = zhproof_docs::read_bytes(Format::Xlsx, &bomb, &limits).unwrap_err();
    assert!(matches!(e, Error::TooLarge(_)), "{e}");
    let few = Limits {
        max_entries: 0,
        ..Limits::default()
    };
    let e = zhproof_docs::read_bytes(Format::Docx, &bomb, &few).unwrap_err();
    assert!(e.to_string().contains("zip entries"), "{e}");
}

fn masked_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhproof-docs-mask-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join(name);
    std::fs::copy(fixture(name), &src).unwrap();
    let before = std::fs::read(&src).unwrap();
    let checker = zhproof::Checker::new();
    let copy = zhproof_docs::mask_path(&src, &Limits::default(), &|t| checker.mask(t)).unwrap();
    assert_eq!(copy, zhproof_docs::masked_copy_path(&src));
    assert_eq!(std::fs::read(&src).unwrap(), before, "the original changed");
    // Never over an existing file.
    assert!(zhproof_docs::mask_path(&src, &Limits::default(), &|t| checker.mask(t)).is_err());
    copy
}

/// Every XML part of the zip at `path` parses, and its namespace prefixes are declared.
fn assert_well_formed(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if !name.ends_with(".xml") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
        let mut r = quick_xml::NsReader::from_str(&xml);
        loop {
            match r.read_resolved_event() {
                Ok((
                    ns,
                    quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e),
                )) => {
                    let prefixed = e.name().prefix().is_some();
                    assert!(
                        !prefixed || !matches!(ns, quick_xml::name::ResolveResult::Unknown(_)),
                        "{}: {name}: undeclared prefix",
                        path.display()
                    );
                    for a in e.attributes() {
                        let a = a.unwrap();
                        if let Some(p) = a.key.prefix() {
                            let (res, _) = r.resolve_attribute(a.key);
                            assert!(
                                !matches!(res, quick_xml::name::ResolveResult::Unknown(_))
                                    || p.as_ref() == b"xml",
                                "{}: {name}: undeclared attribute prefix",
                                path.display()
                            );
                        }
                    }
                }
                Ok((_, quick_xml::events::Event::Eof)) => break,
                Ok(_) => {}
                Err(e) => panic!("{}: {name}: {e}", path.display()),
            }
        }
    }
}

#[test]
fn masked_copies_keep_the_text_and_hide_personal_data() {
    let checker = zhproof::Checker::new();
    for name in ["notice.docx", "notice.odt", "list.xlsx", "list.ods"] {
        let copy = masked_copy(name);
        let doc = zhproof_docs::read_path(&copy, &Limits::default()).unwrap();
        assert_well_formed(&copy);
        let all = doc
            .segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!all.contains(PHONE) && !all.contains(ID), "{name}: {all}");
        assert!(all.contains("138****5678"), "{name}: {all}");
        assert!(
            all.contains("会议对下一阶段工作进行了全面布署。"),
            "{name}: {all}"
        );
        // The typo is still there (mask touches personal data only), and nothing else is found.
        let left: Vec<_> = zhproof_docs::check(&checker, &doc)
            .into_iter()
            .map(|(_, f)| f.rule)
            .collect();
        assert_eq!(left, ["common-typo"], "{name}");
    }
}

#[test]
fn formats_that_cannot_be_masked_say_why() {
    let checker = zhproof::Checker::new();
    for name in ["list.xls", "notice.pdf"] {
        let e = zhproof_docs::mask_bytes(
            Format::from_path(Path::new(name)).unwrap().unwrap(),
            &std::fs::read(fixture(name)).unwrap(),
            &Limits::default(),
            &|t| checker.mask(t),
        )
        .unwrap_err();
        assert!(matches!(e, Error::CannotMask(_)), "{e}");
    }
}

#[test]
fn locations_read_as_users_look_for_them() {
    let l = Location::Cell {
        sheet: "名单".into(),
        row: 1,
        column: 27,
    };
    assert_eq!(l.to_string(), "名单!AB2");
}
