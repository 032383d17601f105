//! Page pictures out of their containers: an image file (PNG, JPEG, TIFF) or the images a
//! scanned PDF draws, one a page, decoded within set limits and turned to grey with the
//! red of a seal taken out (a stamp over the signature is normal on a 盖章版).

use image::{DynamicImage, GrayImage, ImageFormat, ImageReader, Limits};
use pdf_extract::{Document, Object, ObjectId, Stream};

use super::super::{ImportError, pdf};

/// Pages read from one file: a report has a handful; a 500-page file is refused rather
/// than read for minutes.
pub const MAX_PAGES: usize = 60;
/// Largest picture decoded, in pixels: an A4 page at 600 dpi is 35 million.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Widest page worked on: A4 at 300 dpi. Finer scans are scaled down first (recognition
/// scales every line to 48 px high anyway).
const WORK_WIDTH: u32 = 2480;
/// Narrowest page that can be read: about 100 dpi over A4's width.
const MIN_WIDTH: u32 = 820;
/// A4 in pt, the size assumed for a picture that does not say its own.
const A4: (f64, f64) = (595.28, 841.89);

/// One page to read: its picture, grey, and its size in pt.
pub struct PagePicture {
    pub gray: GrayImage,
    pub width_pt: f64,
    pub height_pt: f64,
}

fn refused(reason: impl Into<String>) -> ImportError {
    ImportError::Picture(reason.into())
}

fn damaged() -> ImportError {
    refused("图片文件不完整或已损坏")
}

/// Whether the bytes are a picture file nianbao reads, and which.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    match image::guess_format(bytes).ok()? {
        f @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Tiff) => Some(f),
        _ => None,
    }
}

/// The pages in a picture file: one, or each page of a multi-page TIFF.
pub fn from_file(bytes: &[u8], format: ImageFormat) -> Result<Vec<PagePicture>, ImportError> {
    if format == ImageFormat::Tiff
        && let Some(pages) = tiff_pages(bytes)?
    {
        return Ok(pages);
    }
    Ok(vec![a4_page(decode(bytes, format)?)?])
}

/// The pages of a TIFF holding more than one (`None` for a single page, which `image`
/// reads in all its forms): grey or RGB samples of 8 bits, or 1 bit (fax).
fn tiff_pages(bytes: &[u8]) -> Result<Option<Vec<PagePicture>>, ImportError> {
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::tags::Tag;
    let damaged = |_| damaged();
    let mut d = Decoder::new(std::io::Cursor::new(bytes)).map_err(damaged)?;
    if !d.more_images() {
        return Ok(None);
    }
    let mut pages = Vec::new();
    loop {
        if pages.len() == MAX_PAGES {
            return Err(refused(format!(
                "TIFF 文件超过可识别的 {MAX_PAGES} 页；年度报告通常不超过 20 页"
            )));
        }
        let (w, h) = d.dimensions().map_err(damaged)?;
        if u64::from(w) * u64::from(h) > MAX_PIXELS {
            return Err(refused(format!(
                "第 {} 页图片过大（{w}×{h} 像素）",
                pages.len() + 1
            )));
        }
        // 0 is white in a fax's bits unless the file says black is zero.
        let white_is_zero = d
            .get_tag_u32(Tag::PhotometricInterpretation)
            .map_or(true, |p| p == 0);
        let colour = d.colortype().map_err(damaged)?;
        let picture = match (colour, d.read_image().map_err(damaged)?) {
            (tiff::ColorType::Gray(8), DecodingResult::U8(v)) => {
                GrayImage::from_raw(w, h, v).map(DynamicImage::ImageLuma8)
            }
            (tiff::ColorType::RGB(8), DecodingResult::U8(v)) => {
                image::RgbImage::from_raw(w, h, v).map(DynamicImage::ImageRgb8)
            }
            (tiff::ColorType::Gray(1), DecodingResult::U8(v)) => {
                one_bit(&v, w, h, white_is_zero).map(DynamicImage::ImageLuma8)
            }
            _ => None,
        }
        .ok_or_else(|| {
            refused("多页 TIFF 的颜色格式暂不能识别，请用扫描软件另存为 PDF 后再导入")
        })?;
        pages.push(a4_page(picture)?);
        if !d.more_images() {
            return Ok(Some(pages));
        }
        d.next_image().map_err(damaged)?;
    }
}

/// One bit a pixel, rows padded to whole bytes, as grey.
fn one_bit(data: &[u8], w: u32, h: u32, white_is_zero: bool) -> Option<GrayImage> {
    let row = w.div_ceil(8) as usize;
    if data.len() < row * h as usize {
        return None;
    }
    Some(GrayImage::from_fn(w, h, |x, y| {
        let set = data[y as usize * row + x as usize / 8] & (0x80 >> (x % 8)) != 0;
        image::Luma([if set != white_is_zero { 255 } else { 0 }])
    }))
}

/// A picture that does not say its page size, as an A4 page of its proportions.
fn a4_page(picture: DynamicImage) -> Result<PagePicture, ImportError> {
    let aspect = picture.height() as f64 / picture.width().max(1) as f64;
    page(picture, A4.0, A4.0 * aspect)
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, ImportError> {
    let reader = |limits| {
        let mut r = ImageReader::with_format(std::io::Cursor::new(bytes), format);
        r.limits(limits);
        r
    };
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    // A picture's size is known before its pixels are decoded.
    let (w, h) = reader(limits.clone())
        .into_dimensions()
        .map_err(|_| damaged())?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(refused(format!(
            "图片过大（{w}×{h} 像素），请以 150–300 dpi 扫描后再导入"
        )));
    }
    reader(limits).decode().map_err(|_| damaged())
}

/// A decoded picture as a page: grey, the seal's red taken out, at a working size.
fn page(picture: DynamicImage, width_pt: f64, height_pt: f64) -> Result<PagePicture, ImportError> {
    if picture.width() < MIN_WIDTH {
        let dpi = picture.width() as f64 / (width_pt / 72.0);
        return Err(refused(format!(
            "扫描分辨率过低（约 {dpi:.0} dpi），文字无法识别，请以 150–300 dpi 重新扫描"
        )));
    }
    let picture = if picture.width() > WORK_WIDTH {
        let h = (picture.height() as f64 * WORK_WIDTH as f64 / picture.width() as f64).round();
        picture.resize_exact(WORK_WIDTH, h as u32, image::imageops::FilterType::Triangle)
    } else {
        picture
    };
    Ok(PagePicture {
        gray: without_red(&picture),
        width_pt,
        height_pt,
    })
}

/// Grey from colour, with reddish pixels (a seal, a red letterhead) made white so that
/// the characters under a stamp are not read as a blot.
fn without_red(picture: &DynamicImage) -> GrayImage {
    if !picture.color().has_color() {
        return picture.to_luma8();
    }
    let rgb = picture.to_rgb8();
    GrayImage::from_fn(rgb.width(), rgb.height(), |x, y| {
        let [r, g, b] = rgb.get_pixel(x, y).0;
        let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
        if r > 110 && r - g.max(b) > 45 {
            image::Luma([255])
        } else {
            image::Luma([((299 * r + 587 * g + 114 * b) / 1000) as u8])
        }
    })
}

/// The pages of a PDF without a text layer: on each, the largest image it draws.
pub fn from_pdf(bytes: &[u8]) -> Result<Vec<PagePicture>, ImportError> {
    let doc = super::super::quiet::catch(|| Document::load_mem(bytes).ok())
        .flatten()
        .ok_or_else(|| refused("PDF 文件不完整或已损坏"))?;
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(refused(format!(
            "扫描件共 {} 页，超过可识别的 {MAX_PAGES} 页；年度报告通常不超过 20 页",
            pages.len()
        )));
    }
    let mut out = Vec::new();
    for (n, &id) in &pages {
        let Some(image) = largest_image(&doc, id) else {
            continue;
        };
        let picture = pdf_image(&doc, image).map_err(|e| match e {
            ImportError::Picture(reason) => refused(format!("第 {n} 页：{reason}")),
            e => e,
        })?;
        let (w, h) = media_box(&doc, id);
        out.push(page(picture, w, h)?);
    }
    if out.is_empty() {
        return Err(refused("PDF 中没有可识别的页面图像".to_string()));
    }
    Ok(out)
}

/// The page's image with the most pixels.
fn largest_image(doc: &Document, page: ObjectId) -> Option<&Stream> {
    pdf::page_resources(doc, page)
        .into_iter()
        .flat_map(|res| pdf::xobjects(doc, res))
        .map(|(_, s)| s)
        .filter(|s| pdf::subtype_is(s, b"Image"))
        .max_by_key(|s| dim(s, b"Width") * dim(s, b"Height"))
}

fn dim(s: &Stream, key: &[u8]) -> u64 {
    s.dict
        .get(key)
        .and_then(Object::as_i64)
        .map_or(0, |v| v.clamp(0, 1 << 20) as u64)
}

/// The page's size in pt, from its own or an inherited /MediaBox.
fn media_box(doc: &Document, page: ObjectId) -> (f64, f64) {
    let mut id = page;
    // A parent chain is short; a loop was refused when the text layer was looked for.
    for _ in 0..32 {
        let Ok(dict) = doc.get_dictionary(id) else {
            break;
        };
        if let Ok(arr) = dict.get_deref(b"MediaBox", doc).and_then(Object::as_array) {
            let v: Vec<f64> = arr
                .iter()
                .filter_map(|o| {
                    o.as_float()
                        .ok()
                        .map(f64::from)
                        .or(o.as_i64().ok().map(|i| i as f64))
                })
                .collect();
            if let [x0, y0, x1, y1] = v[..] {
                let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
                if w > 10.0 && h > 10.0 {
                    return (w, h);
                }
            }
        }
        match dict.get(b"Parent").and_then(Object::as_reference) {
            Ok(p) => id = p,
            Err(_) => break,
        }
    }
    A4
}

/// An image XObject's pixels: JPEG as stored, or deflated/raw samples in grey or RGB.
fn pdf_image(doc: &Document, s: &Stream) -> Result<DynamicImage, ImportError> {
    let (w, h) = (dim(s, b"Width"), dim(s, b"Height"));
    if w * h > MAX_PIXELS {
        return Err(refused(format!("图像过大（{w}×{h} 像素）")));
    }
    let filters = filters(doc, s);
    let names: Vec<&[u8]> = filters.iter().map(Vec::as_slice).collect();
    match names.as_slice() {
        [b"DCTDecode"] => decode(&s.content, ImageFormat::Jpeg),
        [] => raw_image(doc, s, w as u32, h as u32, s.content.clone()),
        [b"FlateDecode"] => {
            let data = s
                .decompressed_content()
                .map_err(|_| refused("图像数据已损坏"))?;
            raw_image(doc, s, w as u32, h as u32, data)
        }
        [.., last] => Err(refused(format!(
            "扫描图像的压缩格式（{}）暂不能识别，请用扫描软件以 JPEG 或 PNG 格式另存后再导入",
            String::from_utf8_lossy(last).trim_end_matches("Decode")
        ))),
    }
}

fn filters(doc: &Document, s: &Stream) -> Vec<Vec<u8>> {
    match s.dict.get_deref(b"Filter", doc) {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

/// Samples of 8 bits in grey or RGB, or 1 bit black and white (0 is black, as
/// /DeviceGray draws it).
fn raw_image(
    doc: &Document,
    s: &Stream,
    w: u32,
    h: u32,
    data: Vec<u8>,
) -> Result<DynamicImage, ImportError> {
    let bits = s
        .dict
        .get(b"BitsPerComponent")
        .and_then(Object::as_i64)
        .unwrap_or(8);
    let colours = match s.dict.get_deref(b"ColorSpace", doc) {
        Ok(Object::Name(n)) if n == b"DeviceRGB" => 3,
        Ok(Object::Name(n)) if n == b"DeviceGray" => 1,
        Ok(Object::Array(a)) if a.first().and_then(|o| o.as_name().ok()) == Some(b"ICCBased") => a
            .get(1)
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_stream().ok())
            .and_then(|st| st.dict.get(b"N").and_then(Object::as_i64).ok())
            .unwrap_or(3),
        _ if bits == 1 => 1,
        _ => return Err(refused("扫描图像的颜色空间暂不能识别")),
    };
    let short = || refused("图像数据不完整");
    match (bits, colours) {
        (8, 1) => GrayImage::from_raw(
            w,
            h,
            data.get(..(w * h) as usize).ok_or_else(short)?.to_vec(),
        )
        .map(DynamicImage::ImageLuma8)
        .ok_or_else(short),
        (8, 3) => image::RgbImage::from_raw(
            w,
            h,
            data.get(..(w * h * 3) as usize).ok_or_else(short)?.to_vec(),
        )
        .map(DynamicImage::ImageRgb8)
        .ok_or_else(short),
        // /DeviceGray draws 0 as black.
        (1, 1) => one_bit(&data, w, h, false)
            .map(DynamicImage::ImageLuma8)
            .ok_or_else(short),
        _ => Err(refused(format!(
            "扫描图像的格式（每像素 {bits} 位、{colours} 个颜色通道）暂不能识别"
        ))),
    }
}
