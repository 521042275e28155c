//! Realistic synthetic sessions, for benchmarks, tests and fuzzing seeds.
//!
//! [`generate`] builds a schema-valid session of about the requested size from a seed:
//! a playlist of shots with path and short-hash locators, play ranges, groups, notes in
//! several scripts, colour grading and zoom on some shots, and frame annotations full of pen
//! strokes of hundreds of points, eraser strokes, circles, arrows and text boxes. The same
//! seed and size always give the same session.

use crate::session::{
    Arrow, Brightness, Circle, ColorAlpha, ColorGrading, ColorOffset, DrawingObject, Erase,
    FrameAnnotation, Line, LinePoint, Locators, Media, MediaFile, PlayRange, Point, Session,
    TextBox, ZoomState,
};

/// Notes in the languages a worldwide review uses, with characters XML must escape.
const NOTES: &[&str] = &[
    "Edge of the matte chatters on the left side; soften by 2px.",
    "Schärfe fehlt im Hintergrund — bitte prüfen.",
    "背景のグレーディングを 0150 に合わせてください。",
    "Timing looks good < 3 frames > earlier & smoother.",
    "Le ciel est trop chaud, retour à la v011.",
    "✓ approved for DI",
];

const COLORS: &[&str] = &[
    "#ff2209", "#0500ff", "#ffd200", "#00c8ff", "#383854", "#ffffff",
];

/// About how many bytes one pen-stroke point takes in a written file.
const BYTES_PER_POINT: usize = 64;

/// A session of about `target_bytes` bytes when written, made from `seed`.
///
/// ```
/// let session = cinesync::generate::generate(7, 50_000);
/// let xml = session.to_xml()?;
/// assert!(xml.len() > 40_000 && xml.len() < 70_000, "{}", xml.len());
/// assert_eq!(cinesync::generate::generate(7, 50_000), session);
/// # Ok::<(), cinesync::Error>(())
/// ```
pub fn generate(seed: u64, target_bytes: usize) -> Session {
    let mut maker = Maker {
        rng: fastrand::Rng::with_seed(seed),
        budget: target_bytes,
    };
    let mut session = Session::new();
    session.user_data = format!("generated seed={seed}");
    session.groups = vec!["comp".to_owned(), "lighting".to_owned(), "anim".to_owned()];
    session.notes = maker.note();
    maker.spend(400);
    let mut shot = 0;
    while maker.budget > 0 {
        shot += 1;
        session.media.push(maker.media(shot));
        if shot % 50 == 0 {
            let group = session.groups[shot % session.groups.len()].clone();
            session.media.push(Media::group_movie(group));
        }
    }
    session
}

struct Maker {
    rng: fastrand::Rng,
    budget: usize,
}

impl Maker {
    fn spend(&mut self, bytes: usize) {
        self.budget = self.budget.saturating_sub(bytes);
    }

    fn unit(&mut self) -> f64 {
        // Six decimals, as cineSync writes them.
        f64::from(self.rng.u32(0..=1_000_000)) / 1_000_000.0
    }

    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    fn point(&mut self) -> Point {
        Point::new(self.unit(), self.unit())
    }

    fn color(&mut self) -> String {
        COLORS[self.rng.usize(..COLORS.len())].to_owned()
    }

    fn note(&mut self) -> String {
        let first = NOTES[self.rng.usize(..NOTES.len())];
        if self.rng.bool() {
            format!("{first}\n{}", NOTES[self.rng.usize(..NOTES.len())])
        } else {
            first.to_owned()
        }
    }

    fn id(&mut self, counter: usize) -> Option<String> {
        Some(format!(
            "{:08x}-{:04x}-4{:03x}:{counter}",
            self.rng.u32(..),
            self.rng.u16(..),
            self.rng.u16(..0x1000)
        ))
    }

    fn media(&mut self, shot: usize) -> Media {
        let name = format!(
            "seq{:03}_{:04}_comp_v{:03}.mov",
            shot / 100 + 1,
            shot % 100 * 10,
            self.rng.u32(1..40)
        );
        let mut locators = Locators::path(format!("/shows/gen/shots/{name}"));
        locators.short_hash = Some(format!("{:040x}", self.rng.u128(..) >> 32));
        let mut file = MediaFile::new(name, locators);
        if self.rng.u8(..3) == 0 {
            file.notes = self.note();
        }
        if self.rng.u8(..4) == 0 {
            file.color_grading = Some(self.grading());
        }
        if self.rng.u8(..5) == 0 {
            file.zoom_state = Some(ZoomState {
                center: self.point(),
                scale_factor: self.between(0.5, 4.0),
                extra: Default::default(),
            });
        }
        self.spend(500);
        let first_frame = 1001;
        let frames = self.rng.u32(24..240);
        for _ in 0..self.rng.usize(0..6) {
            if self.budget == 0 {
                break;
            }
            let frame = first_frame + self.rng.u32(..frames);
            let annotation = self.annotation();
            file.annotations.insert(frame, annotation);
        }
        let mut media = Media::from(file);
        media.play_range = Some(PlayRange {
            in_frame: first_frame,
            out_frame: first_frame + frames - 1,
            play_only_range: self.rng.bool(),
        });
        media.groups = vec!["comp".to_owned()];
        media.current_frame = first_frame;
        media.active = shot == 1;
        media
    }

    fn grading(&mut self) -> ColorGrading {
        ColorGrading {
            offset: Some(ColorOffset {
                red: self.between(-0.2, 0.2),
                green: self.between(-0.2, 0.2),
                blue: self.between(-0.2, 0.2),
            }),
            brightness: Some(Brightness {
                rgb: self.between(0.5, 2.0),
                red: self.between(0.5, 2.0),
                green: self.between(0.5, 2.0),
                blue: self.between(0.5, 2.0),
            }),
            saturation: Some(self.between(0.5, 2.0)),
            gamma: None,
            contrast: Some(self.between(0.5, 2.0)),
            linear_to_log: Some(false),
            lut_path: None,
            extra: Default::default(),
        }
    }

    fn annotation(&mut self) -> FrameAnnotation {
        let mut annotation = FrameAnnotation::default();
        if self.rng.bool() {
            annotation.notes = self.note();
        }
        for counter in 0..self.rng.usize(1..8) {
            if self.budget == 0 && counter > 0 {
                break;
            }
            let object = match self.rng.u8(..10) {
                0..=4 => self.line(counter),
                5 => self.erase(counter),
                6 => self.circle(counter),
                7 => self.arrow(counter),
                _ => self.text(counter),
            };
            annotation.objects.push(object);
        }
        self.spend(200);
        annotation
    }

    /// A pen stroke: a random walk of 20 to 400 points.
    fn stroke(&mut self) -> Vec<Point> {
        let count = self
            .rng
            .usize(20..400)
            .min(self.budget / BYTES_PER_POINT + 2);
        self.spend(count * BYTES_PER_POINT);
        let mut at = self.point();
        (0..count)
            .map(|_| {
                at.x = (at.x + self.between(-0.01, 0.01)).clamp(0.0, 1.0);
                at.y = (at.y + self.between(-0.01, 0.01)).clamp(0.0, 1.0);
                Point::new((at.x * 1e6).round() / 1e6, (at.y * 1e6).round() / 1e6)
            })
            .collect()
    }

    fn line(&mut self, counter: usize) -> DrawingObject {
        let points = self
            .stroke()
            .into_iter()
            .map(|p| LinePoint {
                x: p.x,
                y: p.y,
                alpha: Some(1.0),
            })
            .collect();
        DrawingObject::Line(Line {
            id: self.id(counter),
            color: self.color(),
            alpha: 1.0,
            thickness: 0.0025,
            points,
            extra: Default::default(),
        })
    }

    fn erase(&mut self, counter: usize) -> DrawingObject {
        DrawingObject::Erase(Erase {
            id: self.id(counter),
            thickness: 0.01,
            points: self.stroke(),
            extra: Default::default(),
        })
    }

    fn circle(&mut self, counter: usize) -> DrawingObject {
        DrawingObject::Circle(Circle {
            id: self.id(counter),
            color: self.color(),
            alpha: 1.0,
            start: self.point(),
            end: self.point(),
            extra: Default::default(),
        })
    }

    fn arrow(&mut self, counter: usize) -> DrawingObject {
        DrawingObject::Arrow(Arrow {
            id: self.id(counter),
            color: self.color(),
            alpha: 1.0,
            start: self.point(),
            end: self.point(),
            special: Some(self.rng.bool()),
            flip_side: None,
            reverse: None,
            extra: Default::default(),
        })
    }

    fn text(&mut self, counter: usize) -> DrawingObject {
        DrawingObject::Text(TextBox {
            id: self.id(counter),
            start: self.point(),
            end: self.point(),
            background: ColorAlpha::new("#383854", 0.8),
            foreground: ColorAlpha::new(self.color(), 1.0),
            text: self.note(),
            extra: Default::default(),
        })
    }
}
