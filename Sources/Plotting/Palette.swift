// Colours shared by every plot.
//
// Classes use the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), whose eight
// colours stay distinguishable for the common forms of colour blindness. Its blue and orange
// come first so that a two-class problem is blue vs orange, matching the probability heat map:
// p(class 1) runs from light blue (0) through white (0.5) to light orange (1), so the colour
// says which class the network prefers and the pale middle marks where it is unsure. The heat
// map is kept light so that the class-coloured points on top of it remain visible.

/// An sRGB colour with 8-bit channels.
public struct RGB: Sendable, Equatable {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#rrggbb`.
    public var hex: String {
        "#" + [red, green, blue].map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The colour a fraction `t` (0...1) of the way from `self` to `other`, channel by channel.
    func mixed(with other: RGB, _ t: Double) -> RGB {
        let t = min(max(t, 0), 1)
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
        }
        return RGB(channel(red, other.red), channel(green, other.green), channel(blue, other.blue))
    }

    static let white = RGB(255, 255, 255)
    static let black = RGB(0, 0, 0)
}

public enum Palette {
    /// Okabe–Ito, reordered: blue, orange, bluish green, reddish purple, sky blue, vermillion,
    /// yellow, black. Class k gets `classColours[k % 8]`.
    public static let classColours: [RGB] = [
        RGB(0x00, 0x72, 0xB2),  // blue
        RGB(0xE6, 0x9F, 0x00),  // orange
        RGB(0x00, 0x9E, 0x73),  // bluish green
        RGB(0xCC, 0x79, 0xA7),  // reddish purple
        RGB(0x56, 0xB4, 0xE9),  // sky blue
        RGB(0xD5, 0x5E, 0x00),  // vermillion
        RGB(0xF0, 0xE4, 0x42),  // yellow
        RGB(0x00, 0x00, 0x00),  // black
    ]

    /// The colour of class `index` (wraps around after eight classes).
    public static func classColour(_ index: Int) -> RGB {
        classColours[((index % classColours.count) + classColours.count) % classColours.count]
    }

    /// Training cost and test cost lines.
    static let trainingLine = classColours[0]
    static let testLine = classColours[5]
    static let validationLine = classColours[2]

    /// Contour lines and point outlines.
    static let ink = RGB(0x22, 0x22, 0x22)

    /// The greys every plot kind draws its furniture with (one style: no kind picks its own).
    /// Frames, tic labels and the 3-D box's tics.
    static let frame = RGB(0x33, 0x33, 0x33)
    /// Secondary text: captions and unit labels.
    static let caption = RGB(0x55, 0x55, 0x55)
    /// Zero axes (z = 0, g = 0) in function plots.
    static let axis = RGB(0x88, 0x88, 0x88)
    /// The 3-D box's edges: visible, behind the data.
    static let boxEdge = RGB(0x99, 0x99, 0x99)
    /// Grid lines behind the data.
    static let gridLine = RGB(0xDC, 0xDC, 0xDC)
    /// A unit's fill when its bias is 0 (plot network).
    static let neutralFill = RGB(0xF4, 0xF4, 0xF4)
    /// All of them, with the ink, white and black: what a colour that is not a class colour (or a blend of
    /// palette colours) may be.
    static let neutrals: [RGB] = [ink, frame, caption, axis, boxEdge, gridLine, neutralFill, .white, .black]

    /// Diverging palette for probabilities in [0, 1]: light blue → white → light orange.
    /// (Okabe–Ito blue and orange mixed towards white, so the hues match the class colours.)
    static let probability: [(position: Double, colour: RGB)] = [
        (0.0, classColours[0].mixed(with: .white, 0.45)),
        (0.25, classColours[0].mixed(with: .white, 0.72)),
        (0.5, .white),
        (0.75, classColours[1].mixed(with: .white, 0.72)),
        (1.0, classColours[1].mixed(with: .white, 0.45)),
    ]

    /// Sequential palette for real values (viridis, sampled): perceptually uniform, readable in grey.
    static let sequential: [(position: Double, colour: RGB)] = [
        (0.0, RGB(0x44, 0x01, 0x54)),
        (0.25, RGB(0x3B, 0x52, 0x8B)),
        (0.5, RGB(0x21, 0x90, 0x8C)),
        (0.75, RGB(0x5D, 0xC8, 0x63)),
        (1.0, RGB(0xFD, 0xE7, 0x25)),
    ]

    /// Sequential palette for shares in [0, 1] (the confusion matrix): white → the class blue → deep blue,
    /// so an empty cell is blank and a full one is dark enough for white text.
    static let confusion: [(position: Double, colour: RGB)] = [
        (0.0, .white),
        (0.5, classColours[0].mixed(with: .white, 0.2)),
        (1.0, RGB(0x08, 0x30, 0x6B)),
    ]

    /// `set palette defined (...)` for a list of stops.
    static func definition(_ stops: [(position: Double, colour: RGB)]) -> String {
        "set palette defined (" + stops.map { "\(GnuplotText.number($0.position)) '\($0.colour.hex)'" }
            .joined(separator: ", ") + ")"
    }
}
