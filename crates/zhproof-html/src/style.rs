//! Inline hiding tricks: what an element's own attributes (`style`, `hidden`, `<marquee>` sizes,
//! `<font>` colours) do to make its content invisible to the reader.
//!
//! Only inline declarations are read: class-based hiding needs the style sheets, which a checker
//! of saved pages often does not have. Hacked pages put their 暗链 inline because the attacker
//! controls one template or one database field, not the site's CSS.

/// Why content is hidden, in the words shown to the editor.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HiddenHow {
    /// Chinese description, e.g. `display:none（不显示）`.
    pub how: String,
    /// Whether the trick is one ordinary page templates also use for menus and tabs
    /// (`display:none`, `visibility:hidden`, the `hidden` attribute): such content is reported only
    /// when it carries off-site links or spam, never for plain text.
    pub common: bool,
}

fn px(v: &str) -> Option<f32> {
    let v = v.trim().trim_end_matches("!important").trim();
    let num_end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(v.len());
    let n: f32 = v[..num_end].parse().ok()?;
    let unit = v[num_end..].trim();
    Some(match unit {
        "" | "px" => n,
        "pt" => n * 4.0 / 3.0,
        "em" | "rem" => n * 16.0,
        "%" => n * 0.16, // of a 16px parent font: 10% is 1.6px
        "vw" | "vh" => n * 10.0,
        _ => return None,
    })
}

fn norm_colour(v: &str) -> String {
    let v = v
        .trim()
        .trim_end_matches("!important")
        .trim()
        .to_ascii_lowercase();
    match v.as_str() {
        "#fff" | "#ffffff" | "white" | "rgb(255,255,255)" => "white".into(),
        "#000" | "#000000" | "black" | "rgb(0,0,0)" => "black".into(),
        _ => v.replace(' ', ""),
    }
}

/// Declarations of an inline `style`, names lowercased, values trimmed.
fn declarations(style: &str) -> impl Iterator<Item = (String, &str)> {
    style.split(';').filter_map(|d| {
        let (k, v) = d.split_once(':')?;
        Some((k.trim().to_ascii_lowercase(), v.trim()))
    })
}

/// How the element `tag` with `attrs` (lowercase names, decoded values) hides its content, if it does.
/// `attr` looks an attribute's value up by its lowercase name.
pub fn hidden_how<'a>(tag: &str, attr: &dyn Fn(&str) -> Option<&'a str>) -> Option<HiddenHow> {
    let common = |how: &str| {
        Some(HiddenHow {
            how: how.into(),
            common: true,
        })
    };
    let trick = |how: String| Some(HiddenHow { how, common: false });
    if let Some(style) = attr("style") {
        let mut colour = None;
        let mut background = None;
        let mut positioned = false;
        let mut overflow_hidden = false;
        let mut tiny_box = None;
        for (k, v) in declarations(style) {
            let lv = v.to_ascii_lowercase().replace(' ', "");
            let lv = lv.trim_end_matches("!important");
            match k.as_str() {
                "display" if lv == "none" => return common("display:none（不显示）"),
                "visibility" if lv == "hidden" || lv == "collapse" => {
                    return common("visibility:hidden（不可见）")
                }
                "font-size" if px(lv).is_some_and(|p| p < 3.0) => {
                    return trick(format!("font-size:{lv}（字号过小，肉眼不可见）"))
                }
                "opacity" if lv.parse::<f32>().is_ok_and(|o| o < 0.05) => {
                    return trick(format!("opacity:{lv}（完全透明）"))
                }
                "text-indent" if px(lv).is_some_and(|p| p <= -500.0) => {
                    return trick(format!("text-indent:{lv}（文字移出屏幕）"))
                }
                "left" | "top" | "margin-left" | "margin-top" | "right"
                    if px(lv).is_some_and(|p| p <= -500.0) =>
                {
                    return trick(format!("{k}:{lv}（定位到屏幕之外）"))
                }
                "position" if lv == "absolute" || lv == "fixed" => positioned = true,
                "overflow" if lv == "hidden" => overflow_hidden = true,
                "width" | "height" | "max-height" | "max-width"
                    if px(lv).is_some_and(|p| p <= 1.0) =>
                {
                    tiny_box = Some(format!("{k}:{lv}"))
                }
                "line-height" if px(lv).is_some_and(|p| p <= 1.0) => {
                    tiny_box = Some(format!("{k}:{lv}"))
                }
                "clip"
                    if lv.starts_with("rect(0")
                        && !lv.chars().any(|c| c.is_ascii_digit() && c > '1') =>
                {
                    return trick(format!("clip:{lv}（裁剪为零）"))
                }
                "color" => colour = Some(norm_colour(lv)),
                "background" | "background-color" => background = Some(norm_colour(lv)),
                _ => {}
            }
        }
        if let Some(b) = tiny_box {
            if overflow_hidden || positioned {
                return trick(format!("{b}; overflow:hidden（尺寸为零的容器）"));
            }
        }
        if let (Some(c), Some(b)) = (&colour, &background) {
            if c == b {
                return trick(format!("color 与 background 同为 {c}（文字与背景同色）"));
            }
        }
    }
    if attr("hidden").is_some() {
        return common("hidden 属性（不显示）");
    }
    if tag == "marquee" {
        let small = |n: &str| attr(n).and_then(px).is_some_and(|p| p <= 2.0);
        if small("height") || small("width") {
            return trick("marquee 跑马灯宽或高不超过 2 像素（滚动文字不可见）".into());
        }
        let fast = attr("scrollamount")
            .and_then(|v| v.trim().parse::<u32>().ok())
            .is_some_and(|n| n >= 500);
        let slow = attr("scrolldelay")
            .and_then(|v| v.trim().parse::<u32>().ok())
            .is_some_and(|n| n >= 10_000);
        if fast || slow {
            return trick(
                "marquee 跑马灯滚动速度或间隔异常（文字一闪而过或长期停在屏幕外）".into(),
            );
        }
    }
    if tag == "font" {
        if let (Some(c), Some(b)) = (attr("color"), attr("bgcolor").or(attr("style"))) {
            if norm_colour(c) == norm_colour(b) {
                return trick("font 颜色与背景同色（文字与背景同色）".into());
            }
        }
        if attr("size").is_some_and(|s| s.trim() == "0") {
            return trick("font size=0（字号为零）".into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn how(tag: &str, attrs: &[(&str, &str)]) -> Option<HiddenHow> {
        hidden_how(tag, &|n| {
            attrs.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
        })
    }

    #[test]
    fn tricks_are_named() {
        assert!(how("div", &[("style", "DISPLAY: none")]).unwrap().common);
        let h = how("div", &[("style", "position:absolute; top:-9999px")]).unwrap();
        assert!(!h.common && h.how.contains("top:-9999px"), "{h:?}");
        assert!(how("span", &[("style", "font-size:0px")]).is_some());
        assert!(how("span", &[("style", "font-size:1pt")]).is_some());
        assert!(how("p", &[("style", "color:#fff;background:#FFFFFF")])
            .unwrap()
            .how
            .contains("同色"));
        assert!(how("div", &[("style", "height:0;overflow:hidden")]).is_some());
        assert!(how("marquee", &[("height", "1"), ("width", "1")]).is_some());
        assert!(how("div", &[("hidden", "")]).unwrap().common);
    }

    #[test]
    fn ordinary_styles_are_not_hidden() {
        for s in [
            "font-size:14px",
            "color:#333;background:#fff",
            "position:absolute;top:10px",
            "height:0",
            "margin-left:-10px",
            "text-indent:2em",
            "width:100%",
        ] {
            assert_eq!(how("div", &[("style", s)]), None, "{s}");
        }
        assert_eq!(
            how("marquee", &[("width", "300"), ("scrollamount", "3")]),
            None
        );
    }
}
