//! Writing the finished pack as its objects come: a stream is written out at once,
//! every other object is kept to be packed into compressed object streams at the end,
//! indexed by a cross-reference stream (PDF 1.5, allowed by PDF/A-2 and PDF/UA-1). A
//! pack's tag tree is thousands of small objects, which this makes a fraction of their
//! written size; a supplied PDF's pages go out before the next files are read.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, Write};

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Dictionary, Object, Writer};

/// Objects per object stream: small enough that a reader unpacks little to reach one
/// object, large enough that the compression sees repetition.
const PER_STREAM: usize = 100;

/// The compression of object streams: zlib's default level, as the previous lopdf
/// pass wrote them (the fast level made packs about 6% larger).
const LEVEL: Compression = Compression::new(6);

/// An object to pack: its number and its value's bytes.
type Member<'a> = (u32, Cow<'a, [u8]>);

/// A PDF being written to `W`.
pub(super) struct PackWriter<'a, W: Write> {
    out: W,
    /// Bytes written so far.
    written: u64,
    /// (number, offset) of each object written at the top level.
    offsets: Vec<(u32, u64)>,
    /// The objects to pack into object streams: (number, value bytes).
    packed: Vec<Member<'a>>,
}

impl<'a, W: Write> PackWriter<'a, W> {
    /// Starts the file with `header` (the `%PDF-` line and binary mark).
    pub fn new(out: W, header: &[u8]) -> io::Result<Self> {
        let mut writer = Self {
            out,
            written: 0,
            offsets: Vec::new(),
            packed: Vec::new(),
        };
        writer.put(header)?;
        if !header.ends_with(b"\n") {
            writer.put(b"\n")?;
        }
        Ok(writer)
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Adds object `number` (generation 0): `body` is its value's bytes, or for a
    /// stream its dictionary, data and `endstream`.
    pub fn object(&mut self, number: u32, body: Cow<'a, [u8]>, stream: bool) -> io::Result<()> {
        if !stream {
            self.packed.push((number, body));
            return Ok(());
        }
        self.offsets.push((number, self.written));
        self.put(format!("{number} 0 obj\n").as_bytes())?;
        self.put(&body)?;
        self.put(b"\nendobj\n")
    }

    /// Adds the object `object` as number `number`.
    pub fn lopdf_object(&mut self, number: u32, object: &Object) -> io::Result<()> {
        let mut bytes = Vec::new();
        Writer::write_object(&mut bytes, object)?;
        self.object(
            number,
            Cow::Owned(bytes),
            matches!(object, Object::Stream(_)),
        )
    }

    /// Writes the object streams (numbered from `size`, which is above every object
    /// added) and the cross-reference stream with the trailer entries of `trailer`
    /// (`/Root`, `/Info`, `/ID`); returns the output.
    pub fn finish(mut self, size: u32, trailer: &Dictionary) -> io::Result<W> {
        let packed = std::mem::take(&mut self.packed);
        let chunks: Vec<&[Member]> = packed.chunks(PER_STREAM).collect();
        let compressed = compress_all(&chunks);
        let xref_number = size + chunks.len() as u32;
        let total = xref_number + 1;
        // Per object number: (type, field 2, field 3) of its cross-reference entry.
        let mut xref = vec![(0u8, 0u32, 0u16); total as usize];
        xref[0] = (0, 0, 65535);
        for (index, (chunk, stream)) in chunks.iter().zip(compressed).enumerate() {
            let number = size + index as u32;
            for (position, (member, _)) in chunk.iter().enumerate() {
                xref[*member as usize] = (2, number, position as u16);
            }
            let dict = format!(
                "<< /Type /ObjStm /N {} /First {} /Filter /FlateDecode /Length {} >>\nstream\n",
                chunk.len(),
                stream.first,
                stream.data.len()
            );
            self.offsets.push((number, self.written));
            self.stream_object(number, dict.as_bytes(), &stream.data)?;
        }
        let xref_offset = self.written;
        self.offsets.push((xref_number, xref_offset));
        for &(number, offset) in &self.offsets {
            let offset = u32::try_from(offset).map_err(|_| io::Error::other("a PDF over 4 GiB"))?;
            xref[number as usize] = (1, offset, 0);
        }
        let mut rows = Vec::with_capacity(xref.len() * 7);
        for (kind, field, index) in &xref {
            rows.push(*kind);
            rows.extend(field.to_be_bytes());
            rows.extend(index.to_be_bytes());
        }
        let rows = compress(&rows);
        let mut dict = format!(
            "<< /Type /XRef /Size {total} /W [1 4 2] /Filter /FlateDecode /Length {}",
            rows.len()
        )
        .into_bytes();
        for key in [b"Root".as_slice(), b"Info", b"ID"] {
            if let Ok(value) = trailer.get(key) {
                dict.push(b' ');
                Writer::write_object(&mut dict, &Object::Name(key.to_vec()))?;
                dict.push(b' ');
                Writer::write_object(&mut dict, value)?;
            }
        }
        dict.extend_from_slice(b" >>\nstream\n");
        self.stream_object(xref_number, &dict, &rows)?;
        self.put(format!("startxref\n{xref_offset}\n%%EOF\n").as_bytes())?;
        Ok(self.out)
    }

    fn stream_object(&mut self, number: u32, dict: &[u8], data: &[u8]) -> io::Result<()> {
        self.put(format!("{number} 0 obj\n").as_bytes())?;
        self.put(dict)?;
        self.put(data)?;
        self.put(b"\nendstream\nendobj\n")
    }
}

/// An object stream's data, compressed, and where its first object starts.
struct Packed {
    first: usize,
    data: Vec<u8>,
}

/// The object streams of `chunks`, compressed on two threads of their own (not the
/// build's pool, whose workers would take other meetings' work while they wait).
fn compress_all(chunks: &[&[Member]]) -> Vec<Packed> {
    let (front, back) = chunks.split_at(chunks.len().div_ceil(2));
    std::thread::scope(|scope| {
        let back = scope.spawn(|| back.iter().map(|c| pack(c)).collect::<Vec<_>>());
        let mut all: Vec<Packed> = front.iter().map(|c| pack(c)).collect();
        all.extend(back.join().expect("compressing does not panic"));
        all
    })
}

/// One object stream: the index of numbers and offsets, then the objects.
fn pack(chunk: &[Member]) -> Packed {
    let mut index = Vec::new();
    let mut objects = Vec::new();
    for (number, body) in chunk {
        index.extend(format!("{number} {} ", objects.len()).as_bytes());
        objects.extend_from_slice(body);
        objects.push(b'\n');
    }
    index.push(b'\n');
    let first = index.len();
    index.extend_from_slice(&objects);
    Packed {
        first,
        data: compress(&index),
    }
}

thread_local! {
    /// This thread's deflate state, reset between streams: a new one is a block of
    /// 372 KiB that the allocator maps and zeroes afresh each time (see
    /// `cli/allocator.rs`); a supplied pack, which compresses each supplied page's
    /// content, took 5% more processor time making one per stream.
    static ENCODER: RefCell<ZlibEncoder<Vec<u8>>> =
        RefCell::new(ZlibEncoder::new(Vec::new(), LEVEL));
}

/// `data` compressed at [`LEVEL`], for a `FlateDecode` stream.
pub(super) fn compress(data: &[u8]) -> Vec<u8> {
    ENCODER.with_borrow_mut(|encoder| {
        encoder.get_mut().reserve(data.len() / 4);
        encoder.write_all(data).expect("writing to memory");
        // Finishes this stream, hands it back and starts the next afresh.
        encoder.reset(Vec::new()).expect("writing to memory")
    })
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use flate2::read::ZlibDecoder;

    use super::*;

    /// What a deflate state made for `data` alone writes.
    fn fresh(data: &[u8]) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), LEVEL);
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn a_reused_state_writes_the_bytes_a_fresh_one_would() {
        let long: Vec<u8> = (0..200_000u32)
            .flat_map(|n| (n % 251).to_le_bytes())
            .collect();
        let inputs: [&[u8]; 4] = [
            b"BT /F1 12 Tf (Page 1) Tj ET",
            &long,
            b"",
            b"q 1 0 0 1 0 0 cm Q",
        ];
        for data in inputs {
            let compressed = compress(data);
            assert_eq!(compressed, fresh(data), "{} bytes", data.len());
            let mut back = Vec::new();
            ZlibDecoder::new(compressed.as_slice())
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, data);
        }
    }
}
