//! The bundled fonts: compiled into the binary, the only fonts typst may use.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The font files of `fonts/`, embedded so output never depends on the machine.
const FONT_FILES: [&[u8]; 5] = [
    include_bytes!("../../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSans-BoldItalic.ttf"),
    include_bytes!("../../fonts/LiberationMono-Regular.ttf"),
];

/// Parsed fonts and the book typst looks them up in, shared by every compile.
pub struct Fonts {
    /// Metadata of every font, in the order of `fonts`.
    pub book: LazyHash<FontBook>,
    /// The fonts themselves.
    pub fonts: Vec<Font>,
}

/// The process-wide font set, parsed once.
pub fn bundled() -> &'static Fonts {
    static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    });
    &FONTS
}
