//! 文本处理 (Chinese-aware text helpers): meaningful characters and character n-grams.
//! Chinese has no spaces, so similarity works on overlapping character n-grams of the text
//! with punctuation and spaces removed (RULES.md §2.1 并案 needs "identical or similar content").

/// The characters that carry meaning: letters, digits and CJK ideographs; ASCII lower-cased.
fn meaningful(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
}

/// How many meaningful characters `text` has.
pub(crate) fn meaningful_chars(text: &str) -> usize {
    meaningful(text).count()
}

/// The distinct character n-grams of `text`, packed into integers (21 bits per character),
/// sorted. Texts shorter than `n` give their whole meaningful text as one gram.
pub fn char_ngrams(text: &str, n: usize) -> Vec<u128> {
    let chars: Vec<char> = meaningful(text).collect();
    let n = n.clamp(1, 4);
    let pack = |w: &[char]| {
        w.iter()
            .fold(0_u128, |acc, &c| (acc << 21_u32) | u128::from(u32::from(c)))
    };
    let mut grams: Vec<u128> = if chars.len() < n {
        if chars.is_empty() {
            Vec::new()
        } else {
            vec![pack(&chars)]
        }
    } else {
        chars.windows(n).map(pack).collect()
    };
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Unpacks a gram back into its characters (for explanations).
pub(crate) fn gram_text(mut gram: u128) -> String {
    let mut out = Vec::new();
    while gram > 0 {
        let code = u32::try_from(gram & 0x1F_FFFF).unwrap_or(0);
        out.push(char::from_u32(code).unwrap_or('?'));
        gram >>= 21_u32;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_skip_punctuation_and_dedup() {
        let g = char_ngrams("加装电梯，加装电梯！", 2);
        let texts: Vec<String> = g.iter().map(|&x| gram_text(x)).collect();
        assert_eq!(g.len(), 4); // 加装 装电 电梯 梯加
        assert!(texts.contains(&"梯加".to_owned()));
        assert!(texts.contains(&"电梯".to_owned()));
    }

    #[test]
    fn short_text_is_one_gram_and_ascii_is_lowercased() {
        assert_eq!(char_ngrams("A", 2).len(), 1);
        assert_eq!(char_ngrams("AB", 2), char_ngrams("ab", 2));
        assert!(char_ngrams("，。", 2).is_empty());
        assert_eq!(meaningful_chars("一 二，3"), 3);
    }
}
