//! YAML entries that may be written short, as a string, or in full, as a map.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// An entry written either `- text` or as a map of `T`'s fields; serde's own errors
/// (unknown or missing keys) are kept for the map form.
pub struct StringOrMap<T>(pub T);

impl<'de, T> Deserialize<'de> for StringOrMap<T>
where
    T: Deserialize<'de> + From<String>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + From<String>> Visitor<'de> for EntryVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a map with more detail")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
                Ok(T::from(text.to_string()))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<T, M::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer
            .deserialize_any(EntryVisitor(PhantomData))
            .map(StringOrMap)
    }
}

/// Unwraps a list of entries.
pub fn unwrap_all<T>(entries: Vec<StringOrMap<T>>) -> Vec<T> {
    entries.into_iter().map(|entry| entry.0).collect()
}
