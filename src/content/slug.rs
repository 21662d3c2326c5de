//! Slugs: lower-case ASCII words joined by hyphens, the names items, terms and users
//! have in URLs.

use crate::error::FieldError;

/// The longest slug, in bytes (ASCII, so also characters).
const MAX_LEN: usize = 190;

/// A slug: lower-case ASCII letters and digits in words joined by single hyphens, at most
/// 190 characters. Only `parse` and `from_text` make one, so holding a `Slug` means it is
/// valid.
#[derive(Debug, Clone, PartialEq, Eq, Hash, diesel::expression::AsExpression)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub struct Slug(String);

impl Slug {
    /// A slug a client chose, as it is; an error names `field`.
    pub fn parse(field: &str, raw: &str) -> Result<Slug, FieldError> {
        let ok = !raw.is_empty()
            && raw.len() <= MAX_LEN
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !raw.starts_with('-')
            && !raw.ends_with('-')
            && !raw.contains("--");
        if ok {
            Ok(Slug(raw.to_owned()))
        } else {
            Err(FieldError::new(
                field,
                "must be lower-case letters and digits separated by single hyphens, at most 190 characters",
            ))
        }
    }

    /// The slug of a title or name: transliterated to ASCII (`Café` → `cafe`, `Ελλάδα` →
    /// `ellada`, `北京` → `bei-jing`), other characters separating words. `None` when nothing
    /// is left (`!!!`, emoji).
    pub fn from_text(text: &str) -> Option<Slug> {
        let mut slug = String::with_capacity(text.len());
        let mut pending_dash = false;
        for c in text.chars() {
            // Apostrophes join (`workers’` → `workers`) rather than split words.
            if c == '\'' || c == '’' {
                continue;
            }
            let ascii = if c.is_ascii() {
                c.to_string()
            } else {
                deunicode::deunicode_char(c).unwrap_or(" ").to_owned()
            };
            for m in ascii.chars() {
                if m.is_ascii_alphanumeric() {
                    if pending_dash && !slug.is_empty() {
                        slug.push('-');
                    }
                    pending_dash = false;
                    slug.push(m.to_ascii_lowercase());
                } else if m != '\'' {
                    pending_dash = true;
                }
            }
        }
        if slug.len() > MAX_LEN {
            slug.truncate(MAX_LEN);
            while slug.ends_with('-') {
                slug.pop();
            }
        }
        (!slug.is_empty()).then_some(Slug(slug))
    }

    /// The slug of a name the program gives (`post`, `reusable block` →
    /// `reusable-block`), for what has no text of its own to make one of.
    pub(crate) fn of_word(word: &str) -> Slug {
        Slug::from_text(word).unwrap_or_else(|| Slug("item".to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// This slug, or the first of `slug-2`, `slug-3`, ... that is not in `taken` (cut so
    /// that the number fits the length limit).
    pub fn first_free(&self, taken: &[String]) -> Slug {
        if !taken.contains(&self.0) {
            return self.clone();
        }
        (2..)
            .map(|n| {
                let suffix = format!("-{n}");
                let base = self.0[..self.0.len().min(MAX_LEN - suffix.len())].trim_end_matches('-');
                format!("{base}{suffix}")
            })
            .find(|candidate| !taken.iter().any(|t| t == candidate))
            .map(Slug)
            .unwrap_or_else(|| self.clone())
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for Slug
where
    DB: diesel::backend::Backend,
    str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
{
    fn to_sql<'b>(
        &'b self,
        out: &mut diesel::serialize::Output<'b, '_, DB>,
    ) -> diesel::serialize::Result {
        self.0.as_str().to_sql(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(text: &str) -> Option<String> {
        Slug::from_text(text).map(|s| s.to_string())
    }

    #[test]
    fn titles_become_slugs() {
        assert_eq!(
            from("The Security Implications of Human Trafficking").as_deref(),
            Some("the-security-implications-of-human-trafficking")
        );
        assert_eq!(
            from("  COVID-19: Workers’ rights & recruitment ").as_deref(),
            Some("covid-19-workers-rights-recruitment")
        );
        assert_eq!(from("Café Crème").as_deref(), Some("cafe-creme"));
        assert_eq!(from("Straße").as_deref(), Some("strasse"));
        assert_eq!(from("!!!"), None);
        assert_eq!(from("¿ — ?"), None);
        assert_eq!(from("🎉").as_deref(), Some("tada"), "emoji have names too");
    }

    #[test]
    fn titles_beyond_latin_are_transliterated() {
        assert_eq!(from("Ελλάδα").as_deref(), Some("ellada"));
        assert_eq!(from("Москва").as_deref(), Some("moskva"));
        assert_eq!(from("北京 2024").as_deref(), Some("bei-jing-2024"));
        for title in ["可重复使用的块", "مرحبا بالعالم", "ทดสอบ"] {
            let slug = Slug::from_text(title).expect("a slug");
            assert!(
                Slug::parse("slug", slug.as_str()).is_ok(),
                "{title} → {slug}"
            );
        }
    }

    #[test]
    fn long_titles_are_cut_on_a_word() {
        let slug = Slug::from_text(&"word ".repeat(100)).unwrap();
        assert!(slug.as_str().len() <= 190 && !slug.as_str().ends_with('-'));
        let numbered = slug.first_free(&[slug.to_string()]);
        assert!(numbered.as_str().ends_with("-2") && numbered.as_str().len() <= 190);
        assert!(Slug::parse("slug", numbered.as_str()).is_ok());
    }

    #[test]
    fn first_free_counts_up() {
        let taken = vec!["a".to_owned(), "a-2".to_owned()];
        let a = Slug::parse("slug", "a").unwrap();
        assert_eq!(a.first_free(&taken).as_str(), "a-3");
        let b = Slug::parse("slug", "b").unwrap();
        assert_eq!(b.first_free(&taken).as_str(), "b");
    }

    #[test]
    fn parse_refuses_bad_slugs() {
        assert!(Slug::parse("slug", "good-slug-2").is_ok());
        for bad in [
            "",
            "Bad",
            "a--b",
            "-a",
            "a-",
            "a b",
            "é",
            "reusable block-2",
        ] {
            let e = Slug::parse("slug", bad).expect_err(bad);
            assert_eq!(e.field, "slug");
        }
    }
}
