//! A small deterministic random number generator (SplitMix64) and the few distributions the
//! generator draws from. Every item takes its own stream, derived from the seed, its kind
//! and its number, so an item's content does not depend on how many items came before it.

/// SplitMix64 (Steele, Lea and Flood, 2014): one `u64` of state, good enough statistics for
/// synthetic content, and the same numbers on every platform and in every release.
#[derive(Debug, Clone)]
pub struct Rng(u64);

const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(mix(seed))
    }

    /// The stream of item `n` of a kind (`stream` tells kinds apart).
    pub fn of(seed: u64, stream: u64, n: u64) -> Rng {
        Rng(mix(mix(seed ^ stream.wrapping_mul(GOLDEN)).wrapping_add(n)))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// A number in `0..n` (`n` > 0), without modulo bias worth speaking of (Lemire's
    /// multiply-shift).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `k` different indexes below `n` (fewer when `n` < `k`), in the order drawn.
    pub fn distinct(
        &mut self,
        k: usize,
        n: usize,
        mut draw: impl FnMut(&mut Rng) -> usize,
    ) -> Vec<usize> {
        let k = k.min(n);
        let mut out = Vec::with_capacity(k);
        let mut tries = 0;
        while out.len() < k && tries < k * 20 {
            let i = draw(self);
            if !out.contains(&i) {
                out.push(i);
            }
            tries += 1;
        }
        out
    }
}

/// Ranks `0..n` drawn with probability proportional to `1 / (rank + 1)^s`: a few items are
/// used very often and most rarely, as tags and categories are on real sites.
#[derive(Debug, Clone)]
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=n.max(1))
            .map(|k| {
                total += 1.0 / (k as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let a: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..5)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(Rng::of(7, 1, 0).next_u64(), Rng::of(7, 1, 1).next_u64());
        assert_ne!(Rng::of(7, 1, 0).next_u64(), Rng::of(7, 2, 0).next_u64());
        assert_ne!(Rng::of(7, 1, 0).next_u64(), Rng::of(8, 1, 0).next_u64());
    }

    #[test]
    fn draws_stay_in_range() {
        let mut r = Rng::new(1);
        for _ in 0..10_000 {
            assert!(r.below(3) < 3);
            let x = r.between(-2, 2);
            assert!((-2..=2).contains(&x));
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
        }
    }

    #[test]
    fn zipf_favours_the_first_ranks() {
        let z = Zipf::new(100, 1.0);
        let mut r = Rng::new(3);
        let mut counts = [0usize; 100];
        for _ in 0..100_000 {
            counts[z.sample(&mut r)] += 1;
        }
        assert!(counts[0] > counts[1] && counts[1] > counts[9] && counts[9] > counts[99]);
        assert!(counts[0] > 10 * counts[99]);
        assert!(counts.iter().all(|&c| c > 0));
    }
}
