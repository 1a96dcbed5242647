//! Fuzzes the content loader: any bytes as `meeting.yaml`, and as a note's front
//! matter, load into a meeting or give a content error; never a panic, and never
//! unbounded (the size and alias limits hold whatever the input).

#![no_main]

use std::sync::LazyLock;

use agenda_pack::content::load_meeting;
use libfuzzer_sys::fuzz_target;

/// A meeting.yaml that loads, naming `note.md`.
const MEETING: &str = "council: Testford Borough Council
committee: Test Scrutiny Board
date: 2026-07-16
time: \"14:00\"
place: Town Hall
publication: {name: A, post: B, address: C, date: 2026-07-08}
contacts: [{name: Sam}]
membership: {chair: B Two, members: [A One, B Two]}
items:
  - kind: briefing-note
    title: Note
    documents: [note.md]
";

/// Two meeting folders in one content root: one for raw meeting.yaml bytes, one for
/// raw front matter under a good meeting.yaml.
static ROOT: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let root = tempfile::tempdir().expect("a temporary folder");
    for name in ["yaml", "front"] {
        std::fs::create_dir(root.path().join(name)).expect("a meeting folder");
        std::fs::write(root.path().join(name).join("meeting.yaml"), MEETING).expect("written");
        std::fs::write(
            root.path().join(name).join("note.md"),
            "---\nkind: briefing-note\nsubject: Note\n---\n\nText.\n",
        )
        .expect("written");
    }
    root
});

fuzz_target!(|data: &[u8]| {
    let yaml_dir = ROOT.path().join("yaml");
    std::fs::write(yaml_dir.join("meeting.yaml"), data).expect("written");
    let _ = load_meeting(&yaml_dir);

    let front_dir = ROOT.path().join("front");
    let mut note = b"---\n".to_vec();
    note.extend_from_slice(data);
    note.extend_from_slice(b"\n---\n\nText.\n");
    std::fs::write(front_dir.join("note.md"), note).expect("written");
    let _ = load_meeting(&front_dir);
});
