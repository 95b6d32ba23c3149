//! Name and reference syntaxes of the app service model: C identifiers, log store and
//! policy names, absolute paths, and container image references.

/// `[A-Za-z_][A-Za-z0-9_]*` (environment variable names).
#[must_use]
pub fn is_c_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// An application name: letters, digits, `-`, `_`; starts with a letter, ends with a letter
/// or digit; at most 63 characters (it becomes a label value).
#[must_use]
pub fn is_app_name(s: &str) -> bool {
    s.len() <= 63
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A volume template name: lowercase letters, digits, `-`; starts with a letter, ends
/// with a letter or digit; at most 63 characters.
#[must_use]
pub fn is_template_name(s: &str) -> bool {
    s.len() <= 63
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A log store name (seed 6.8): lowercase letters, digits, `-`, `_`; starts and ends with a
/// lowercase letter or digit; 3–63 bytes.
#[must_use]
pub fn is_logstore_name(s: &str) -> bool {
    let edge = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    (3..=63).contains(&s.len())
        && s.starts_with(edge)
        && s.ends_with(edge)
        && s.chars().all(|c| edge(c) || c == '-' || c == '_')
}

/// A timed policy name (seed 6.2 part 3): lowercase letters, digits, `-`; does not start
/// with a digit or `-`; 2–50 characters.
#[must_use]
pub fn is_policy_name(s: &str) -> bool {
    (2..=50).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// An absolute path: starts with `/`, has no NUL byte.
#[must_use]
pub fn is_absolute_path(s: &str) -> bool {
    s.starts_with('/') && !s.contains('\0')
}

/// Why an image reference is malformed, or `None` when it is well-formed.
///
/// Grammar (facts from the distribution project's `reference` grammar):
/// `[domain[:port]/]path[:tag][@digest]`; path components
/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`; a first component with `.` or `:`, or `localhost`,
/// is the registry domain; tag `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`; digest
/// `algorithm:hex` with at least 32 hex digits; the name at most 255 characters.
#[must_use]
pub fn image_reference_problem(reference: &str) -> Option<&'static str> {
    if reference.is_empty() {
        return Some("must not be empty");
    }
    let (rest, digest) = match reference.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (reference, None),
    };
    if let Some(d) = digest {
        let ok = d.split_once(':').is_some_and(|(alg, hex)| {
            // algorithm: `[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*`
            alg.split(['-', '_', '+', '.']).all(|part| {
                part.starts_with(|c: char| c.is_ascii_alphabetic())
                    && part.chars().all(|c| c.is_ascii_alphanumeric())
            }) && hex.len() >= 32
                && hex.chars().all(|c| c.is_ascii_hexdigit())
        });
        if !ok {
            return Some("the digest must be `algorithm:hex` with at least 32 hex digits");
        }
    }
    // The tag is after the last ':' that follows the last '/'.
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest.get(last_slash..).and_then(|tail| tail.rfind(':')) {
        Some(i) => (
            rest.get(..last_slash + i).unwrap_or(""),
            rest.get(last_slash + i + 1..),
        ),
        None => (rest, None),
    };
    if let Some(tag) = tag {
        let ok = tag.len() <= 128
            && tag.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
        if !ok {
            return Some(
                "the tag must be letters, digits, `_`, `.`, `-` (at most 128, not starting with `.` or `-`)",
            );
        }
    }
    if name.is_empty() || name.len() > 255 {
        return Some("the name must be 1 to 255 characters");
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1 {
        let first = parts.first().copied().unwrap_or("");
        // As the distribution project's splitDockerDomain: `.`, `:`, `localhost`, or an
        // uppercase letter make the first component a registry.
        if first.contains('.')
            || first.contains(':')
            || first == "localhost"
            || first.chars().any(|c| c.is_ascii_uppercase())
        {
            if !is_domain(first) {
                return Some("the registry must be a host name with an optional `:port`");
            }
            parts.remove(0);
        }
    }
    if parts.iter().all(|p| is_path_component(p)) {
        None
    } else {
        Some(
            "path components must be lowercase letters and digits separated by `.`, `_`, `__` or `-`",
        )
    }
}

fn is_domain(s: &str) -> bool {
    let (host, port) = match s.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    };
    let label = |l: &str| {
        !l.is_empty()
            && l.starts_with(|c: char| c.is_ascii_alphanumeric())
            && l.ends_with(|c: char| c.is_ascii_alphanumeric())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    host.split('.').all(label)
        && port
            .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()))
}

fn is_path_component(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !(b.first().is_some_and(alnum) && b.last().is_some_and(alnum)) {
        return false;
    }
    // Separators between alphanumeric runs: `.`, `_`, `__`, or one or more `-`.
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if alnum(&c) {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).is_some_and(|c| !alnum(c)) {
            i += 1;
        }
        let sep = s.get(start..i).unwrap_or("");
        if !(sep == "." || sep == "_" || sep == "__" || sep.chars().all(|c| c == '-')) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references() {
        for ok in [
            "redis",
            "redis:6",
            "library/redis:6.2-alpine",
            "registry-vpc.cn-shanghai.aliyuncs.com/sofa-samples/aks-vote-front:v1",
            "reg-cnsh-nf.cloud.alipay.com/library/sofaboot-runtime:2.0_java8",
            "localhost:5000/a/b",
            "a__b/c-d--e/f.g",
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "MyReg/app",
        ] {
            assert_eq!(image_reference_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "Redis",
            "redis:",
            "redis:-x",
            "a//b",
            "-a",
            "a@sha256:xyz",
            "host:port/x",
            "a..b",
            "a@sha256-:0123456789abcdef0123456789abcdef",
        ] {
            assert!(image_reference_problem(bad).is_some(), "{bad}");
        }
    }
}
