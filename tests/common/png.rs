//! PNG files for fixtures and benches: 8-bit RGB pixels, stored uncompressed (so a
//! file is as large as its pixels), framed with flate2's zlib and CRC-32.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

/// A PNG of `width` x `height` pixels; `pixel(x, y)` gives each one's RGB.
pub fn rgb_png(width: u32, height: u32, mut pixel: impl FnMut(u32, u32) -> [u8; 3]) -> Vec<u8> {
    let mut rows = Vec::with_capacity((height * (width * 3 + 1)) as usize);
    for y in 0..height {
        rows.push(0); // filter: none
        for x in 0..width {
            rows.extend(pixel(x, y));
        }
    }
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::none());
    zlib.write_all(&rows).unwrap();
    let mut header = width.to_be_bytes().to_vec();
    header.extend(height.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]); // 8 bits, RGB
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (b"IHDR", header),
        (b"IDAT", zlib.finish().unwrap()),
        (b"IEND", Vec::new()),
    ] {
        png.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(&data);
        png.extend(kind);
        png.extend(&data);
        png.extend(crc.sum().to_be_bytes());
    }
    png
}
