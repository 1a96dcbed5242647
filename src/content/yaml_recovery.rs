//! Every serde error of a YAML text in one pass of the author's: after each error the
//! value tree is repaired (an unknown key removed, a missing or invalid value replaced
//! by a stand-in) and parsed again, so one run reports each unknown key, each bad
//! value and all missing keys of a map together.

use std::collections::{BTreeMap, HashMap};

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::yaml::YamlText;
use super::yaml_spans;
use crate::error::{ContentError, Gathered};

/// How many times a text is parsed again before the rest of its errors are left for
/// the next run: far more than a hand-written file needs (unknown keys of a map are
/// removed in one repair), and little time even for a file at the size limit.
const REPAIR_LIMIT: usize = 60;

/// A YAML text parsed into `T`, with every error found in it.
pub struct Parsed<T> {
    /// The value; where there were errors, made with stand-ins (see
    /// [`Self::tainted`]), and `None` when the repair gave up.
    pub value: Option<T>,
    /// The errors, in the order they are written in the file.
    pub errors: Vec<ContentError>,
    /// The values that were replaced by stand-ins.
    pub taint: Taint,
}

/// The paths whose values were replaced by stand-ins (the value was missing or
/// invalid): checks of these values would report the stand-in, not the author.
#[derive(Debug, Default)]
pub struct Taint {
    repaired: Vec<String>,
}

impl Taint {
    /// Whether the value at `path`, or any value inside it or holding it, was
    /// missing or invalid; checks that read it must not run.
    pub fn covers(&self, path: &str) -> bool {
        self.repaired
            .iter()
            .any(|r| within(path, r) || within(r, path))
    }
}

impl<T> Parsed<T> {
    /// The value, or every error found.
    pub fn into_result(self) -> crate::error::Result<T> {
        let mut gathered = Gathered::default();
        gathered.extend(self.errors);
        match self.value {
            Some(value) => gathered.finish(value, Vec::new()),
            None => gathered.fail(Vec::new()),
        }
    }

    /// Whether the value at `path` is or holds a stand-in (see [`Taint::covers`]).
    pub fn tainted(&self, path: &str) -> bool {
        self.taint.covers(path)
    }
}

/// Whether `path` is `outer` or a value inside it.
fn within(path: &str, outer: &str) -> bool {
    outer.is_empty()
        || path == outer
        || path
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with(['.', '[']))
}

/// What one serde error asks of the repair.
enum Fault {
    /// `unknown field `key``: the key is dropped.
    UnknownField,
    /// `missing field `key``: a stand-in is added.
    MissingField(String),
    /// Anything else about the value at the path: it is replaced by a stand-in.
    BadValue,
}

fn fault_of(message: &str) -> Fault {
    if message.starts_with("unknown field `") {
        return Fault::UnknownField;
    }
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some((field, _)) = rest.split_once('`')
    {
        return Fault::MissingField(field.to_string());
    }
    Fault::BadValue
}

/// How many edits make a key a misspelling of a missing one (as `did you mean` counts).
const MISSPELT: usize = 3;

/// Values tried in turn in place of a missing or invalid one until the parser takes
/// one: one for each type the content files use.
fn stand_ins() -> Vec<Value> {
    vec![
        Value::String("2000-01-01".into()),
        Value::String("10:00".into()),
        Value::Number(1.into()),
        Value::Bool(false),
        Value::Sequence(Vec::new()),
        Value::Mapping(Mapping::new()),
        Value::Null,
    ]
}

/// The keys an `unknown field` message says are allowed.
fn expected_keys(message: &str) -> Option<Vec<String>> {
    let (_, rest) = message.split_once("`, ")?;
    if rest.starts_with("there are no fields") {
        return Some(Vec::new());
    }
    let list = rest.strip_prefix("expected ")?;
    Some(
        list.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect(),
    )
}

/// The first value an `unknown variant` message lists, which the parser will take.
fn listed_variant(message: &str) -> Option<Value> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (_, expected) = rest.split_once("expected")?;
    let variant = expected.split('`').nth(1)?;
    Some(Value::String(variant.to_string()))
}

/// Parses `yaml` into `T`, collecting every error serde reports as the value tree is
/// repaired after each.
pub fn parse_all<T: DeserializeOwned>(yaml: &YamlText) -> Parsed<T> {
    let first =
        match serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(yaml.text)) {
            Ok(value) => {
                return Parsed {
                    value: Some(value),
                    errors: Vec::new(),
                    taint: Taint::default(),
                };
            }
            Err(err) => err,
        };
    let single = |err: &serde_path_to_error::Error<serde_yaml::Error>| Parsed {
        value: None,
        errors: vec![yaml.serde_error(err, true)],
        taint: Taint {
            repaired: vec![String::new()],
        },
    };
    let Ok(mut tree) = serde_yaml::from_str::<Value>(yaml.text) else {
        return single(&first);
    };
    let mut repair = Repair {
        value: None,
        errors: Vec::new(),
        missing: BTreeMap::new(),
        unknown: Vec::new(),
        tried: HashMap::new(),
        repaired: Vec::new(),
        gave_up: false,
    };
    let mut error = first;
    let mut by_mark = true;
    for pass in 0..=REPAIR_LIMIT {
        if pass == REPAIR_LIMIT {
            repair.errors.push(
                ContentError::new(
                    yaml.key_at(""),
                    format!("more errors than one check lists: it stopped after {REPAIR_LIMIT}"),
                )
                .with_hint("fix the errors listed and check again"),
            );
            repair.gave_up = true;
            break;
        }
        if !repair.apply(yaml, &mut tree, &error, by_mark) {
            break;
        }
        by_mark = false;
        let Ok(text) = serde_yaml::to_string(&tree) else {
            break;
        };
        match serde_path_to_error::deserialize::<_, T>(serde_yaml::Deserializer::from_str(&text)) {
            Ok(value) => {
                repair.value = Some(value);
                break;
            }
            Err(next) => error = next,
        }
    }
    repair.finish(yaml)
}

/// The repairs made so far and the errors they answer.
struct Repair<T> {
    /// The value parsed from the repaired text, once it parses.
    value: Option<T>,
    errors: Vec<ContentError>,
    /// Missing keys by the path of their map, in the order found.
    missing: BTreeMap<String, Vec<String>>,
    /// Unknown keys, with the path of their map.
    unknown: Vec<(String, String)>,
    /// Each replaced value's path, and how many stand-ins it has been given.
    tried: HashMap<String, usize>,
    /// The replaced paths, in order.
    repaired: Vec<String>,
    /// Whether the repair gave up before the text parsed.
    gave_up: bool,
}

impl<T> Repair<T> {
    /// Records `error` unless it follows from an earlier repair, and repairs `tree`
    /// so that it is not met again. Returns `false` when it cannot be repaired.
    fn apply(
        &mut self,
        yaml: &YamlText,
        tree: &mut Value,
        error: &serde_path_to_error::Error<serde_yaml::Error>,
        by_mark: bool,
    ) -> bool {
        let path = yaml.path_of(error);
        let message = yaml.message_of(error);
        let consequence = self.repaired.iter().any(|r| within(&path, r));
        match fault_of(&message) {
            Fault::UnknownField => {
                let (map, key) = split_last(&path);
                if !consequence {
                    self.errors.push(yaml.serde_error(error, by_mark));
                    if let Some(key) = key {
                        self.unknown.push((map.to_string(), key.to_string()));
                    }
                }
                let Some((m, key)) = key.and_then(|key| map_at(tree, map).map(|m| (m, key))) else {
                    return self.give_up();
                };
                if m.remove(key).is_none() {
                    return self.give_up();
                }
                // The map's other unknown keys at once: a pass each would be slow.
                let Some(expected) = expected_keys(&message) else {
                    return true;
                };
                let unknown: Vec<String> = m
                    .keys()
                    .filter_map(Value::as_str)
                    .filter(|k| !expected.iter().any(|e| e == k))
                    .map(str::to_string)
                    .collect();
                for other in unknown {
                    m.remove(other.as_str());
                    if !consequence {
                        let said = message.replacen(&format!("`{key}`"), &format!("`{other}`"), 1);
                        let at = yaml_spans::entry(map, &other);
                        self.errors.push(yaml.error_at_key(&at, said));
                        self.unknown.push((map.to_string(), other));
                    }
                }
                true
            }
            Fault::MissingField(field) => {
                if !consequence {
                    self.missing
                        .entry(path.clone())
                        .or_default()
                        .push(field.clone());
                }
                let Some(map) = map_at(tree, &path) else {
                    return self.give_up();
                };
                map.insert(Value::String(field.clone()), stand_ins().remove(0));
                let at = yaml_spans::entry(&path, &field);
                self.tried.insert(at.clone(), 1);
                self.repaired.push(at);
                true
            }
            Fault::BadValue => {
                let tried = self.tried.get(&path).copied();
                if tried.is_none() {
                    if !consequence {
                        self.errors.push(yaml.serde_error(error, by_mark));
                    }
                    if path.is_empty() {
                        // The whole text is of the wrong shape: nothing to repair.
                        return self.give_up();
                    }
                    self.repaired.push(path.clone());
                }
                let next = tried.unwrap_or(0);
                let stand_in = match listed_variant(&message) {
                    Some(variant) => Some(variant),
                    None => stand_ins().into_iter().nth(next),
                };
                self.tried.insert(path.clone(), next + 1);
                match (stand_in, value_at(tree, &path)) {
                    (Some(stand_in), Some(slot)) => {
                        *slot = stand_in;
                        true
                    }
                    _ => self.give_up(),
                }
            }
        }
    }

    fn give_up(&mut self) -> bool {
        self.gave_up = true;
        false
    }

    /// The errors found, missing keys gathered into one error per map, in file order.
    fn finish(mut self, yaml: &YamlText) -> Parsed<T> {
        for (map, mut fields) in std::mem::take(&mut self.missing) {
            // A key written misspelt is one mistake: its `did you mean` says it all.
            fields.retain(|field| {
                !self
                    .unknown
                    .iter()
                    .any(|(at, key)| at == &map && strsim::levenshtein(key, field) <= MISSPELT)
            });
            if !fields.is_empty() {
                self.errors.push(missing_fields(yaml, &map, &fields));
            }
        }
        self.errors
            .sort_by_key(|e| (e.location.line, e.location.column));
        if self.gave_up {
            self.repaired.push(String::new());
        }
        Parsed {
            value: self.value.filter(|_| !self.gave_up),
            errors: self.errors,
            taint: Taint {
                repaired: self.repaired,
            },
        }
    }
}

/// One error for the keys missing from the map at `map`, where the map is written.
fn missing_fields(yaml: &YamlText, map: &str, fields: &[String]) -> ContentError {
    let listed: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    let message = match listed.as_slice() {
        [one] => format!("missing field {one}"),
        _ => format!("missing fields: {}", listed.join(", ")),
    };
    ContentError::new(yaml.key_at(map), message).with_hint(if fields.len() == 1 {
        "add the key; docs/content-format.md lists what each file needs"
    } else {
        "add these keys; docs/content-format.md lists what each file needs"
    })
}

/// `items[0].title` -> (`items[0]`, `title`); `items[0]` -> (`items`, none).
fn split_last(path: &str) -> (&str, Option<&str>) {
    match path.rfind(['.', '[']) {
        Some(cut) if path[cut..].starts_with('.') => (&path[..cut], Some(&path[cut + 1..])),
        Some(cut) => (&path[..cut], None),
        None => ("", Some(path)),
    }
}

/// The value at `path` (`items[2].documents[0].file`) in `tree`.
fn value_at<'t>(tree: &'t mut Value, path: &str) -> Option<&'t mut Value> {
    let mut here = tree;
    let mut rest = path;
    while !rest.is_empty() {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        if let Some(index) = rest.strip_prefix('[') {
            let (number, after) = index.split_once(']')?;
            here = here
                .as_sequence_mut()?
                .get_mut(number.parse::<usize>().ok()?)?;
            rest = after;
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            here = here.as_mapping_mut()?.get_mut(&rest[..end])?;
            rest = &rest[end..];
        }
    }
    Some(here)
}

/// The map at `path` in `tree`.
fn map_at<'t>(tree: &'t mut Value, path: &str) -> Option<&'t mut Mapping> {
    value_at(tree, path)?.as_mapping_mut()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::error::Location;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        subject: String,
        date: crate::model::Date,
        time: crate::model::Time,
        count: u32,
        #[serde(default)]
        items: Vec<SampleItem>,
        kind: crate::model::ItemKind,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct SampleItem {
        title: String,
        date: Option<crate::model::Date>,
        present: Present,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Present {
        chair: String,
        members: Vec<String>,
    }

    fn errors(text: &str) -> Vec<(usize, usize, String)> {
        let yaml = YamlText::read(Path::new("f.yaml"), text, 1).unwrap();
        let parsed: Parsed<Sample> = parse_all(&yaml);
        parsed
            .errors
            .into_iter()
            .map(|e| {
                let Location { line, column, .. } = e.location;
                (line, column, e.message)
            })
            .collect()
    }

    #[test]
    fn a_clean_text_parses_with_no_errors() {
        let text = "subject: S\ndate: 2026-07-16\ntime: '10:00'\ncount: 2\nkind: report\n";
        assert!(errors(text).is_empty());
    }

    #[test]
    fn every_unknown_key_bad_value_and_missing_key_is_reported_in_one_pass() {
        let text = "subjct: S\ndate: 16/07/2026\ncount: many\nkind: briefing_note\nitems:\n  - title: A\n    colour: red\n    date: soon\n";
        let found = errors(text);
        let messages: Vec<&str> = found.iter().map(|(_, _, m)| m.as_str()).collect();
        assert_eq!(found.len(), 8, "{found:#?}");
        assert!(
            messages.contains(&"missing field `time`"),
            "`subject` is misspelt, not missing: {messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("unknown field `subjct`"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("unknown field `colour`"))
        );
        assert!(messages.iter().any(|m| m.contains("briefing_note")));
        assert!(messages.iter().any(|m| m.contains("many")));
        assert_eq!(
            found
                .iter()
                .filter(|(_, _, m)| m.contains("YYYY-MM-DD"))
                .map(|(l, c, _)| (*l, *c))
                .collect::<Vec<_>>(),
            [(2, 7), (8, 11)]
        );
        let present = found
            .iter()
            .find(|(_, _, m)| m.contains("`present`"))
            .expect("the item's missing key");
        assert_eq!((present.0, present.1), (6, 5), "at the item's map");
    }

    #[test]
    fn the_unknown_keys_of_a_map_are_reported_in_one_repair() {
        let mut text =
            "subject: S\ndate: 2026-07-16\ntime: '10:00'\ncount: 2\nkind: report\n".to_string();
        for i in 0..500 {
            text.push_str(&format!("extra_{i}: x\n"));
        }
        let found = errors(&text);
        assert_eq!(found.len(), 500, "every key, past the repair limit");
        assert_eq!((found[499].0, found[499].1), (505, 1));
        assert!(
            found[499]
                .2
                .starts_with("unknown field `extra_499`, expected one of `subject`")
        );
    }

    #[test]
    fn a_file_with_more_bad_values_than_the_limit_says_so() {
        let mut text =
            "subject: S\ndate: 2026-07-16\ntime: '10:00'\ncount: 2\nkind: report\nitems:\n"
                .to_string();
        for _ in 0..(REPAIR_LIMIT + 10) {
            text.push_str("  - {title: A, date: soon, present: {chair: C, members: [C]}}\n");
        }
        let found = errors(&text);
        assert_eq!(found.len(), REPAIR_LIMIT + 1);
        assert!(
            found[0].2.starts_with("more errors than one check lists"),
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_map_is_one_error_not_one_per_key_inside_it() {
        let text = "subject: S\ndate: 2026-07-16\ntime: '10:00'\ncount: 2\nkind: report\nitems:\n  - title: A\n";
        let found = errors(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].2, "missing field `present`");
    }

    #[test]
    fn stand_ins_taint_their_paths_only() {
        let text = "subject: S\ndate: 2026-07-16\ntime: 25:00\ncount: 2\nkind: report\n";
        let yaml = YamlText::read(Path::new("f.yaml"), text, 1).unwrap();
        let parsed: Parsed<Sample> = parse_all(&yaml);
        assert_eq!(parsed.errors.len(), 1);
        assert!(parsed.tainted("time"));
        assert!(!parsed.tainted("date"));
        assert!(!parsed.tainted("items[0]"));
    }
}
