/// The parse stage's entry point: one raw line in, its accounting class out, and for
/// understood sendmail lines a `ParsedLine` handed to `handle`.
/// STUB: signature only; the real implementation replaces this file.
public struct LogLineParser {
    public init() {}

    /// Call before the lines of each input file.
    public mutating func beginFile(yearReference: YearReference) {}

    /// Classifies `line` (without its line terminator) and, for an understood sendmail line,
    /// calls `handle` with the parsed view. A part of a sendmail-split long line
    /// (`qid[1]: … ...`) is held until its last part arrives; the joined line is then handed
    /// over once and every part line counts as `.sendmail`.
    public mutating func parse(
        _ line: UnsafeRawBufferPointer, _ handle: (borrowing ParsedLine) -> Void
    ) -> LineClass { .unrecognized }

    /// End of input: every held part line whose split line never completed was already
    /// reported as `.sendmail`; each is handed to `unjoined` so the caller can move it to
    /// the unrecognized count (and write it to `--unrecognized`).
    public mutating func finish(unjoined: (UnsafeRawBufferPointer) -> Void) {}
}
