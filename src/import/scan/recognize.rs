//! Text recognition of one line image: PaddleOCR's PP-OCRv4 recognition model (printed and
//! handwritten Chinese, digits, Latin; CTC over 6,623 characters) run by rten. The model
//! file ships beside the program, not inside it (docs/IMPORT.md says why and how it was
//! chosen); its character list is in the model's own metadata.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use image::GrayImage;
use rten::{Model, RunOptions, ThreadPool};
use rten_tensor::NdTensor;
use rten_tensor::prelude::*;

/// The model's file name, in `assets/ocr/` of the repository and `ocr/` of an installation.
pub const MODEL_FILE: &str = "ch_PP-OCRv4_rec.onnx";
/// The model's input height; a line image is scaled to it.
const HEIGHT: u32 = 48;
/// Input pixels per output frame along the line.
const FRAME: f32 = 8.0;
/// Widest input, in model pixels: a line of text at 48 px high is at most a few thousand.
const MAX_WIDTH: u32 = 4096;

/// One recognised character: where its frame lies along the line image (in the image's
/// own pixels), how sure the model is, and its runner-up reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Char {
    pub text: char,
    pub x: f32,
    pub confidence: f32,
    pub alternative: Option<(char, f32)>,
}

/// The loaded model and its characters.
pub struct Recognizer {
    model: Model,
    /// Class `k` (1-based; 0 is CTC's blank) is `chars[k - 1]`; the class after the
    /// last character is a space.
    chars: Vec<char>,
    /// One single-thread pool per core. A line is small: running the lines side by side,
    /// each on one core, is twice as fast on two cores as sharing every line's
    /// operators among them (rten's own pool would also take every caller's work in
    /// turn).
    lanes: Vec<Arc<ThreadPool>>,
}

/// Why the recogniser could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("未找到文字识别模型（{0}），请重新安装 nianbao")]
    Missing(String),
    #[error("文字识别模型无法加载：{0}")]
    Broken(String),
}

/// Where the model is looked for: beside the program (the Windows installation), in the
/// installed package's share folder, and in the repository the program was built from.
fn model_paths() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        paths.push(dir.join("ocr").join(MODEL_FILE));
        paths.push(dir.join("../share/nianbao/ocr").join(MODEL_FILE));
    }
    paths.push(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("assets/ocr")
            .join(MODEL_FILE),
    );
    paths
}

impl Recognizer {
    /// The recogniser, loaded once per process on first use.
    pub fn shared() -> Result<&'static Recognizer, ModelError> {
        static LOADED: OnceLock<Result<Recognizer, ModelError>> = OnceLock::new();
        LOADED
            .get_or_init(Recognizer::load)
            .as_ref()
            .map_err(Clone::clone)
    }

    fn load() -> Result<Recognizer, ModelError> {
        let paths = model_paths();
        let path = paths
            .iter()
            .find(|p| p.is_file())
            .ok_or_else(|| ModelError::Missing(MODEL_FILE.into()))?;
        let model = Model::load_file(path).map_err(|e| ModelError::Broken(e.to_string()))?;
        let chars: Vec<char> = model
            .metadata()
            .get("character")
            .ok_or_else(|| ModelError::Broken("缺少字符表".into()))?
            .split('\n')
            .map(|s| s.chars().next().unwrap_or(' '))
            .collect();
        let cores = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let lanes = (0..cores)
            .map(|_| Arc::new(ThreadPool::with_num_threads(1)))
            .collect();
        Ok(Recognizer {
            model,
            chars,
            lanes,
        })
    }

    /// How many lines can be read at once ([`Recognizer::read`]'s `lane`).
    pub fn lanes(&self) -> usize {
        self.lanes.len()
    }

    /// Reads one line image (dark text on light ground, a few pixels of margin) on the
    /// core `lane` (below [`Recognizer::lanes`]; one caller a lane at a time).
    pub fn read(&self, line: &GrayImage, lane: usize) -> Vec<Char> {
        self.read_within(line, lane, 0)
    }

    /// As [`read`](Self::read), the line padded with white on the right to twice its
    /// height at least: the model saw lines in training, and a lone digit at its own
    /// narrow width is now and then read as a letter (a 2 as N). Used as a second
    /// reading of a lone digit the first left unsure.
    pub fn read_padded(&self, line: &GrayImage, lane: usize) -> Vec<Char> {
        self.read_within(line, lane, 2 * HEIGHT)
    }

    fn read_within(&self, line: &GrayImage, lane: usize, min_width: u32) -> Vec<Char> {
        if line.width() == 0 || line.height() == 0 {
            return Vec::new();
        }
        let scale = HEIGHT as f32 / line.height() as f32;
        let w = ((line.width() as f32 * scale).round() as u32).clamp(16, MAX_WIDTH);
        let resized =
            image::imageops::resize(line, w, HEIGHT, image::imageops::FilterType::Triangle);
        let padded = w.max(min_width);
        let mut input = NdTensor::<f32, 4>::full([1, 3, HEIGHT as usize, padded as usize], 1.0);
        for (x, y, p) in resized.enumerate_pixels() {
            // The model's normalisation: (v / 255 - 0.5) / 0.5, the same in all three channels.
            let v = p[0] as f32 / 127.5 - 1.0;
            for c in 0..3 {
                input[[0, c, y as usize, x as usize]] = v;
            }
        }
        let pool = self.lanes.get(lane).cloned();
        let options = RunOptions::default().with_thread_pool(pool);
        let Ok(out) = self.model.run_one(input.view().into(), Some(options)) else {
            return Vec::new();
        };
        let Ok(probs) = NdTensor::<f32, 3>::try_from(out) else {
            return Vec::new();
        };
        // Back from model pixels to the line image's.
        let back = line.width() as f32 / w as f32;
        self.decode(&probs, back)
    }

    /// CTC's greedy decoding: the best class per frame, repeats merged, blanks dropped.
    fn decode(&self, probs: &NdTensor<f32, 3>, back: f32) -> Vec<Char> {
        let mut out: Vec<Char> = Vec::new();
        let (mut last, mut start) = (0usize, 0usize);
        let at = |from: usize, to: usize| ((from + to) as f32 / 2.0 + 0.5) * FRAME * back;
        for t in 0..probs.size(1) {
            let frame = probs.slice((0, t));
            let (mut best, mut second) = ((0usize, f32::MIN), (0usize, f32::MIN));
            for (k, &p) in frame.iter().enumerate() {
                if p > best.1 {
                    second = best;
                    best = (k, p);
                } else if p > second.1 {
                    second = (k, p);
                }
            }
            if best.0 != 0 && best.0 != last {
                start = t;
                let alternative = (second.0 != 0).then(|| (self.class(second.0), second.1));
                out.push(Char {
                    text: self.class(best.0),
                    x: at(t, t),
                    confidence: best.1,
                    alternative,
                });
            } else if best.0 != 0
                && let Some(c) = out.last_mut()
            {
                // A character spans several frames: its middle, and its surest frame.
                c.x = at(start, t);
                c.confidence = c.confidence.max(best.1);
            }
            last = best.0;
        }
        out
    }

    fn class(&self, k: usize) -> char {
        self.chars.get(k.wrapping_sub(1)).copied().unwrap_or(' ')
    }
}
