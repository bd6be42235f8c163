/// Lines and tables for the text report: every piece of text passes through
/// `VisibleText.escape` and is cut to the page width; numbers are right-aligned.
struct TextLayout {
    let width: Int
    let color: Bool
    private(set) var out = ""

    static let indent = 2

    init(width: Int, color: Bool) {
        self.width = max(60, width)
        self.color = color
    }

    /// A section title, bold when colour is on, with an optional plain note after it.
    mutating func title(_ text: String, note: String = "") {
        if !out.isEmpty { out += "\n" }
        let plainTitle = VisibleText.truncate(VisibleText.escape(text), to: width)
        out += color ? "\u{1b}[1m" + plainTitle + "\u{1b}[0m" : plainTitle
        let room = width - VisibleText.width(plainTitle) - 2
        if !note.isEmpty && room > 3 {
            out += "  " + VisibleText.truncate(VisibleText.escape(note), to: room)
        }
        out += "\n"
    }

    /// An empty line.
    mutating func blank() { out += "\n" }

    /// One line of text (escaped, cut to the page), indented.
    mutating func line(_ text: String, indent: Int = TextLayout.indent) {
        out += String(repeating: " ", count: indent)
        out += VisibleText.truncate(VisibleText.escape(text), to: width - indent) + "\n"
    }

    /// A line assembled from `Piece`s, so figures can be coloured after the width is known.
    mutating func pieces(_ parts: [Piece], indent: Int = TextLayout.indent) {
        var used = indent
        var text = String(repeating: " ", count: indent)
        for part in parts {
            let visible = VisibleText.escape(part.text)
            let room = width - used
            guard room > 0 else { break }
            let shown = VisibleText.truncate(visible, to: room)
            used += VisibleText.width(shown)
            if color, let code = part.style.ansi {
                text += "\u{1b}[" + code + "m" + shown + "\u{1b}[0m"
            } else {
                text += shown
            }
        }
        out += text + "\n"
    }

    struct Piece {
        enum Style {
            case plain, bad, warn, good
            var ansi: String? {
                switch self {
                case .plain: nil
                case .bad: "31"
                case .warn: "33"
                case .good: "32"
                }
            }
        }
        var text: String
        var style: Style = .plain

        static func plain(_ t: String) -> Piece { Piece(text: t) }
        /// A figure that is a problem when non-zero.
        static func problem(_ value: Int, _ style: Style = .bad) -> Piece {
            Piece(text: String(value), style: value > 0 ? style : .plain)
        }
    }

    /// A table: a left-aligned label column that takes the room left by the right-aligned
    /// value columns; notes are indented lines under the row before them.
    mutating func table(_ t: TextTable) {
        let columnWidths = t.columns.indices.map { i in
            t.rows.reduce(max(t.minColumnWidth, VisibleText.width(t.columns[i]))) { widest, row in
                guard case .values(_, let cells) = row, cells.indices.contains(i) else { return widest }
                return max(widest, VisibleText.width(cells[i]))
            }
        }
        var gap = t.gap
        var labelWidth = width - Self.indent - columnWidths.reduce(0) { $0 + $1 + gap }
        if labelWidth < 14 && gap > 1 {
            gap = 1
            labelWidth = width - Self.indent - columnWidths.reduce(0) { $0 + $1 + gap }
        }
        labelWidth = max(8, labelWidth)
        let pad = String(repeating: " ", count: Self.indent)

        func cellsLine(label: String, cells: [String]) -> String {
            let shownLabel = VisibleText.truncate(VisibleText.escape(label), to: labelWidth)
            var line = pad + shownLabel + String(repeating: " ", count: max(0, labelWidth - VisibleText.width(shownLabel)))
            for (i, w) in columnWidths.enumerated() {
                let cell = cells.indices.contains(i) ? VisibleText.escape(cells[i]) : ""
                line += String(repeating: " ", count: gap + max(0, w - VisibleText.width(cell))) + cell
            }
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }

        if !t.columns.isEmpty || !t.labelHeader.isEmpty {
            out += cellsLine(label: t.labelHeader, cells: t.columns)
        }
        for row in t.rows {
            switch row {
            case .values(let label, let cells):
                out += cellsLine(label: label, cells: cells)
            case .note(let text):
                line(text, indent: Self.indent + 4)
            }
        }
    }
}

struct TextTable {
    enum Row {
        case values(String, [String])
        case note(String)
    }

    var labelHeader: String
    var columns: [String]
    var rows: [Row] = []
    var gap = 2
    /// Narrowest value column, so consecutive tables line up.
    var minColumnWidth = 0

    mutating func add(_ label: String, _ cells: [String]) { rows.append(.values(label, cells)) }
    mutating func add(_ label: String, _ cells: [Int]) { rows.append(.values(label, cells.map { String($0) })) }
    mutating func note(_ text: String) { rows.append(.note(text)) }
}
