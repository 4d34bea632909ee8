//! A small, fast, seedable generator (SplitMix64), shared by the Monte Carlo runs of the
//! scale-up and policy layers: run `i` of seed `s` draws from a stream of (s, i) alone, so a
//! result does not depend on how runs are split across threads.

pub struct Stream(u64);

impl Stream {
    pub fn new(seed: u64, run: u64) -> Stream {
        let mut s = Stream(seed ^ 0x9e37_79b9_7f4a_7c15);
        let salt = s
            .next_u64()
            .wrapping_add(run.wrapping_mul(0xbf58_476d_1ce4_e5b9));
        Stream(salt)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A triangular draw on (low, mode, high).
    pub fn triangular(&mut self, (low, mode, high): (f64, f64, f64)) -> f64 {
        if high <= low {
            return mode;
        }
        let u = self.uniform();
        let f = (mode - low) / (high - low);
        if u < f {
            low + (u * (high - low) * (mode - low)).sqrt()
        } else {
            high - ((1.0 - u) * (high - low) * (high - mode)).sqrt()
        }
    }
}
