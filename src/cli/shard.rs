//! `--shard K/N`: one part of a fixed N-way partition of the meetings, so that N
//! machines (a CI matrix, a job array) each build their part of one content tree.

use std::fmt;
use std::hash::Hasher;
use std::path::Path;
use std::str::FromStr;

use siphasher::sip::SipHasher13;

/// Part `index` (from 1) of `count` parts. A meeting's part depends on its folder's
/// name and `count` alone: adding or removing a meeting never moves another, and
/// every machine agrees whatever the checkout's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

/// Why a `--shard` value is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    /// Not two whole numbers separated by `/`.
    #[error("`{0}` is not K/N (two whole numbers, such as 2/4: the second of four parts)")]
    NotAFraction(String),
    /// No parts at all.
    #[error("N is 0: the meetings are split into N parts, so N must be at least 1")]
    NoParts,
    /// K outside 1..=N.
    #[error("part {index} of {count} does not exist: K must be between 1 and N ({count})")]
    NoSuchPart { index: u64, count: u64 },
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let not_a_fraction = || ShardError::NotAFraction(text.to_string());
        let (index, count) = text.trim().split_once('/').ok_or_else(not_a_fraction)?;
        let number = |n: &str| n.trim().parse::<u64>().map_err(|_| not_a_fraction());
        let (index, count) = (number(index)?, number(count)?);
        if count == 0 {
            return Err(ShardError::NoParts);
        }
        if !(1..=count).contains(&index) {
            return Err(ShardError::NoSuchPart { index, count });
        }
        Ok(Self { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether the meeting in folder `dir` falls in this part. The folder's name is
    /// what is hashed: it is the pack's name, unique in an output folder, so
    /// meetings whose packs would clash fall in the same part, where the clash is
    /// reported.
    pub fn holds(&self, dir: &Path) -> bool {
        let name = dir.file_name().map(|n| n.to_string_lossy());
        let name = name.as_deref().unwrap_or_default();
        part_of(name, self.count) == self.index
    }
}

/// The part (from 1) of `count` that the meeting named `name` falls in: a keyed hash
/// with fixed keys, the same on every machine and in every release.
fn part_of(name: &str, count: u64) -> u64 {
    let mut hasher = SipHasher13::new_with_keys(0x6167_656e_6461_2d70, 0x6163_6b2d_7368_6172);
    hasher.write(name.as_bytes());
    hasher.finish() % count + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_of_n_is_read_and_checked() {
        assert_eq!("2/4".parse::<Shard>().unwrap().to_string(), "2/4");
        assert_eq!("1/1".parse::<Shard>().unwrap().to_string(), "1/1");
        assert_eq!(
            "0/4".parse::<Shard>(),
            Err(ShardError::NoSuchPart { index: 0, count: 4 })
        );
        assert_eq!(
            "5/4".parse::<Shard>(),
            Err(ShardError::NoSuchPart { index: 5, count: 4 })
        );
        assert_eq!("1/0".parse::<Shard>(), Err(ShardError::NoParts));
        for bad in ["", "2", "2/", "/4", "a/b", "-1/4", "2/4/8", "1.5/4"] {
            assert!(
                matches!(bad.parse::<Shard>(), Err(ShardError::NotAFraction(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_parts_are_every_meeting_once_and_stay_put_when_meetings_are_added() {
        let names: Vec<String> = (1..=200).map(|i| format!("2026-{i:03}-board")).collect();
        let parts = |names: &[String]| -> Vec<Vec<String>> {
            (1..=4)
                .map(|k| {
                    let shard: Shard = format!("{k}/4").parse().unwrap();
                    names
                        .iter()
                        .filter(|n| shard.holds(&Path::new("content/committee").join(n)))
                        .cloned()
                        .collect()
                })
                .collect()
        };
        let before = parts(&names);
        let mut all: Vec<String> = before.concat();
        all.sort();
        assert_eq!(all, names, "every meeting in exactly one part");
        let sizes: Vec<usize> = before.iter().map(Vec::len).collect();
        assert!(sizes.iter().all(|&n| n > 25), "balanced enough: {sizes:?}");
        let mut more = names.clone();
        more.extend((1..=50).map(|i| format!("2027-{i:03}-cabinet")));
        let after = parts(&more);
        for (old, new) in before.iter().zip(&after) {
            let kept: Vec<&String> = new.iter().filter(|n| names.contains(n)).collect();
            assert_eq!(kept, old.iter().collect::<Vec<_>>(), "no meeting moved");
        }
    }

    #[test]
    fn the_hash_is_the_same_in_every_release() {
        // A change here moves every council's meetings to other parts (and other
        // caches): only with a CHANGELOG entry.
        assert_eq!(part_of("2026-07-16-children-scrutiny", 1000), 157);
        assert_eq!(part_of("2026-09-10-children-scrutiny", 1000), 661);
        assert_eq!(part_of("a", 4), 3);
    }

    #[test]
    fn a_part_of_n_is_the_parts_k_k_plus_n_and_so_on_of_n_times_m() {
        // So one machine can build its part of N as M smaller runs, one at a time.
        for name in ["a", "b", "2026-07-16-children-scrutiny", "cabinet-10"] {
            let k = part_of(name, 4);
            let sub = part_of(name, 4 * 3);
            assert_eq!((sub - 1) % 4 + 1, k, "{name}");
        }
    }

    #[test]
    fn the_part_depends_on_the_folder_name_alone() {
        let shard: Shard = "3/7".parse().unwrap();
        for name in ["a", "2026-07-16-children-scrutiny", "x y"] {
            assert_eq!(
                shard.holds(&Path::new("content").join(name)),
                shard.holds(&Path::new("/elsewhere/content/sub").join(name))
            );
        }
    }
}
