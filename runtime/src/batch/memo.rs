//! What the run remembers of every distinct call already answered, so that a repeat read later
//! is answered from the first one's result instead of being sent again.
//!
//! A hash map costs 40-70 bytes per entry (and twice that while it grows), which over a
//! 100,000-call run outweighs the results themselves. Here an entry is 16 bytes: a 96-bit
//! fingerprint of the call and the input position of its first occurrence. Recent entries sit
//! in a small map; when it reaches an eighth of the rest they are merged into one sorted vector,
//! searched by bisection. The merge runs in place from the back, so it needs no second copy.

use std::collections::HashMap;

/// 96 bits of a call's 128-bit key: two different calls of one run sharing it is not a
/// practical possibility (about n²/2⁹⁷).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Fingerprint([u32; 3]);

impl Fingerprint {
    fn of(key: u128) -> Self {
        Fingerprint([(key >> 96) as u32, (key >> 64) as u32, key as u32])
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Fingerprint,
    first: u32,
}

/// Below this many recent entries nothing is merged (merging tiny runs often would cost more
/// than it saves).
const MIN_RECENT: usize = 1024;

#[derive(Debug, Default)]
pub(crate) struct Answered {
    recent: HashMap<Fingerprint, u32>,
    sorted: Vec<Entry>,
}

impl Answered {
    /// The input position that first answered the call with `key`.
    pub(crate) fn get(&self, key: u128) -> Option<usize> {
        let key = Fingerprint::of(key);
        let first = match self.recent.get(&key) {
            Some(first) => *first,
            None => {
                let at = self.sorted.binary_search_by(|e| e.key.cmp(&key)).ok()?;
                self.sorted[at].first
            }
        };
        usize::try_from(first).ok()
    }

    /// Records that the call with `key` was answered at input position `first`. Positions
    /// past `u32::MAX` are not recorded: a repeat of such a call is sent again, which is
    /// harmless for the operations that are de-duplicated (they are safe to repeat).
    pub(crate) fn insert(&mut self, key: u128, first: usize) {
        let Ok(first) = u32::try_from(first) else {
            return;
        };
        if self.get(key).is_some() {
            return;
        }
        self.recent.insert(Fingerprint::of(key), first);
        if self.recent.len() >= MIN_RECENT.max(self.sorted.len() / 8) {
            self.fold();
        }
    }

    /// Moves the recent entries into the sorted vector.
    fn fold(&mut self) {
        let mut fresh: Vec<Entry> = self
            .recent
            .drain()
            .map(|(key, first)| Entry { key, first })
            .collect();
        fresh.sort_unstable_by_key(|e| e.key);
        let old = self.sorted.len();
        let filler = Entry {
            key: Fingerprint([0; 3]),
            first: 0,
        };
        self.sorted.resize(old + fresh.len(), filler);
        // Merge from the back: the slot written is always past every old entry still unread.
        let (mut i, mut j, mut out) = (old, fresh.len(), old + fresh.len());
        while j > 0 {
            out -= 1;
            if i > 0 && self.sorted[i - 1].key > fresh[j - 1].key {
                i -= 1;
                self.sorted[out] = self.sorted[i];
            } else {
                j -= 1;
                self.sorted[out] = fresh[j];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_every_position_across_merges() {
        let mut answered = Answered::default();
        // Keys spread over all 128 bits, inserted in an order unrelated to their value.
        let key =
            |i: u64| (u128::from(i.wrapping_mul(0x9E37_79B9_7F4A_7C15)) << 64) | u128::from(i);
        for i in 0..50_000u64 {
            answered.insert(key(i), i as usize);
            // A repeat does not replace the first position.
            answered.insert(key(i), i as usize + 1);
        }
        assert!(answered.sorted.len() > 40_000, "{}", answered.sorted.len());
        assert!(answered.sorted.windows(2).all(|w| w[0].key < w[1].key));
        for i in (0..50_000u64).step_by(7) {
            assert_eq!(answered.get(key(i)), Some(i as usize));
        }
        assert_eq!(answered.get(key(50_001)), None);
    }

    #[test]
    fn positions_beyond_u32_are_not_remembered() {
        let mut answered = Answered::default();
        answered.insert(7, u32::MAX as usize + 1);
        assert_eq!(answered.get(7), None);
    }
}
