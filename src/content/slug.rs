//! Slugs: lower-case ASCII words joined by hyphens.

use crate::error::FieldError;

/// `"The Security Implications of Human Trafficking!"` → `the-security-implications-of-human-trafficking`.
/// Latin letters with accents lose them; other characters separate words.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        let mapped = fold(c);
        for m in mapped.chars() {
            if m.is_ascii_alphanumeric() {
                if pending_dash && !slug.is_empty() {
                    slug.push('-');
                }
                pending_dash = false;
                slug.push(m.to_ascii_lowercase());
            } else if m != '\'' && m != '’' {
                pending_dash = true;
            }
        }
    }
    truncate(slug, 190)
}

fn truncate(mut slug: String, max: usize) -> String {
    if slug.len() > max {
        slug.truncate(max);
        while slug.ends_with('-') {
            slug.pop();
        }
    }
    slug
}

fn fold(c: char) -> String {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        _ => return c.to_string(),
    };
    s.to_owned()
}

/// Checks a slug a client chose.
pub fn check(field: &str, slug: &str) -> Result<String, FieldError> {
    let ok = !slug.is_empty()
        && slug.len() <= 190
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if ok {
        Ok(slug.to_owned())
    } else {
        Err(FieldError::new(
            field,
            "must be lower-case letters and digits separated by single hyphens, at most 190 characters",
        ))
    }
}

/// The first of `base`, `base-2`, `base-3`, ... that is not in `taken`.
pub fn first_free(base: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.iter().any(|t| t == candidate))
        .unwrap_or_else(|| base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_titles() {
        assert_eq!(
            slugify("The Security Implications of Human Trafficking"),
            "the-security-implications-of-human-trafficking"
        );
        assert_eq!(
            slugify("  COVID-19: Workers’ rights & recruitment "),
            "covid-19-workers-rights-recruitment"
        );
        assert_eq!(slugify("Café Crème"), "cafe-creme");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn first_free_counts_up() {
        let taken = vec!["a".to_owned(), "a-2".to_owned()];
        assert_eq!(first_free("a", &taken), "a-3");
        assert_eq!(first_free("b", &taken), "b");
    }

    #[test]
    fn check_rejects_bad_slugs() {
        assert!(check("slug", "good-slug-2").is_ok());
        for bad in ["", "Bad", "a--b", "-a", "a-", "a b", "é"] {
            assert!(check("slug", bad).is_err(), "{bad}");
        }
    }
}
