import Glibc

/// A byte string that marks the lines worth a closer look (a queue id, a Message-ID, an address).
public struct PrefilterToken: Hashable, Sendable {
    public var bytes: [UInt8]
    /// Compare ignoring ASCII case (addresses).
    public var caseInsensitive: Bool
    /// True when no line before the one that revealed the token can hold it (a notice or clone
    /// child created by that line), so earlier input need not be searched again for it.
    public var firstAppearsHere: Bool
    /// No line timed before this (in the clock `PrefilterChunk.time` uses) can hold it: when
    /// earlier input is searched again for it, the search starts at the last chunk begun
    /// before this time.
    public var notBefore: Int64?

    public init(_ bytes: [UInt8], caseInsensitive: Bool = false, firstAppearsHere: Bool = false, notBefore: Int64? = nil) {
        self.bytes = bytes
        self.caseInsensitive = caseInsensitive
        self.firstAppearsHere = firstAppearsHere
        self.notBefore = notBefore
    }

    public init(_ text: String, caseInsensitive: Bool = false, firstAppearsHere: Bool = false, notBefore: Int64? = nil) {
        self.init(Array(text.utf8), caseInsensitive: caseInsensitive, firstAppearsHere: firstAppearsHere, notBefore: notBefore)
    }

    /// Identity for "already known" (whether it first appears here does not matter).
    struct Key: Hashable {
        var bytes: [UInt8]
        var caseInsensitive: Bool
    }

    var key: Key { Key(bytes: bytes, caseInsensitive: caseInsensitive) }
}

/// What a line the prefilter found leads to.
public struct PrefilterUpdate: Sendable {
    /// Tokens to look for from the next line on (known ones are ignored).
    public var add: [PrefilterToken]
    /// Exact tokens no longer worth looking for from the next line on (a queue id sendmail is
    /// finished with). Lines before the one that retired them are still searched as needed.
    public var retire: [[UInt8]]

    public init(add: [PrefilterToken] = [], retire: [[UInt8]] = []) {
        self.add = add
        self.retire = retire
    }
}

/// What the first line of a chunk (about a megabyte of input) tells the prefilter.
public struct PrefilterChunk: Sendable {
    /// Exact tokens no longer worth looking for from this chunk on.
    public var retire: [[UInt8]]
    /// The line's time, if it has one (any clock, as long as `PrefilterToken.notBefore` uses
    /// the same).
    public var time: Int64?

    public init(retire: [[UInt8]] = [], time: Int64? = nil) {
        self.retire = retire
        self.time = time
    }
}

/// One line the prefilter kept.
public struct CollectedLine: Sendable {
    public var bytes: [UInt8]
    /// Index into the collector's file list.
    public var fileIndex: Int
    /// Byte position in the whole input (all files back to back, decompressed).
    public var position: Int
}

/// What a `WideningCollector` found.
public struct CollectedInput: Sendable {
    /// Lines holding a token, each once, in input order.
    public var lines: [CollectedLine] = []
    /// Passes over the input (1 when every token was known before its first line).
    public var passes = 0
    /// Decompressed bytes searched, all passes together.
    public var bytesScanned = 0
    /// Decompressed size of the input (one pass).
    public var inputBytes = 0
    /// Problems met in the first pass, one per input at most.
    public var errors: [InputError] = []
    /// Inputs of which nothing could be read.
    public var unreadableInputs = 0
    /// Other problems (a standard input copy that failed, passes cut short), as sentences.
    public var warnings: [String] = []
    /// The last non-empty line of the input and its file (to know when the log ends).
    public var lastLine: [UInt8]?
    public var lastLineFileIndex = 0

    public init() {}
}

/// Collects the lines of a set of inputs that contain any of a growing set of tokens.
///
/// A line the prefilter finds is handed to `discover`, which may name more tokens (the ids it
/// links to). A new token is looked for from the next line on at once; when the line that
/// revealed it may not be its first (say the queue id of an MTA whose `from=` line came before
/// the submission's `Sent (QID …)` line), the input before that line is searched again in a
/// further pass, for the late tokens only and only as far as needed. So each token is looked
/// for over the whole input exactly once, and a trace whose links all point forward reads the
/// input once. Standard input is copied to an unlinked temporary file during the first pass
/// so that it can be read again.
public struct WideningCollector {
    public let files: [InputFile]
    public let maxLineLength: Int
    public let bufferSize: Int
    public let maxPasses: Int
    /// The descriptor read for `-` (tests pass a pipe).
    var standardInput: Int32 = STDIN_FILENO

    public init(files: [InputFile], maxLineLength: Int = LineReader.defaultMaxLineLength, bufferSize: Int = 1 << 20, maxPasses: Int = 8) {
        self.files = files
        self.maxLineLength = maxLineLength
        self.bufferSize = max(bufferSize, 4096)
        self.maxPasses = max(maxPasses, 1)
    }

    /// - Parameters:
    ///   - initial: the tokens to start from (looked for everywhere, never retired).
    ///   - chunk: sees the first line of each chunk read (about every megabyte); may retire
    ///     tokens from there on (ids gone quiet for longer than a message can live) and tell
    ///     the line's time, which bounds how far back a late token is searched for.
    ///   - discover: called once for each line found (lines of any pass, in the order found;
    ///     `fileIndex` tells which input), returning the tokens the line links to and those it
    ///     retires. Known tokens may be returned again; they are ignored.
    public func collect(
        initial: [PrefilterToken],
        chunk: (_ firstLine: UnsafeRawBufferPointer, _ fileIndex: Int) -> PrefilterChunk = { _, _ in PrefilterChunk() },
        discover: (_ line: UnsafeRawBufferPointer, _ fileIndex: Int) -> PrefilterUpdate
    ) -> CollectedInput {
        var result = CollectedInput()
        let scanner = PrefilterScanner(maxLineLength: maxLineLength, bufferSize: bufferSize)
        /// Position before which each token still has to be looked for (0: nowhere), and the
        /// time before which it cannot occur.
        var pending: [PrefilterToken.Key: (until: Int, notBefore: Int64?)] = [:]
        /// Chunk starts of the first pass with their times, in input order.
        var timeline: [(position: Int, time: Int64)] = []
        var order: [PrefilterToken.Key] = []
        var captured = Set<Int>()
        var bases = [Int](repeating: 0, count: files.count)
        var readable = [Bool](repeating: true, count: files.count)
        var spool: InputSpool?

        var patterns = PrefilterPatterns()
        let protected = Set(initial.filter { !$0.caseInsensitive }.map(\.bytes))
        for token in initial where pending[token.key] == nil {
            pending[token.key] = (0, nil)
            order.append(token.key)
            patterns.add(token.bytes, caseInsensitive: token.caseInsensitive)
        }

        while result.passes < maxPasses {
            result.passes += 1
            let firstPass = result.passes == 1
            var base = 0
            for (index, file) in files.enumerated() {
                if !firstPass {
                    base = bases[index]
                    guard readable[index], patterns.anyActive(after: base) else { continue }
                }
                var origin = PrefilterScanner.Origin.input(file, standardInput: standardInput)
                var fileSpool: InputSpool?
                if file.isStandardInput {
                    if firstPass {
                        spool = InputSpool()
                        fileSpool = spool
                        if spool == nil { result.warnings.append("\(file.displayName): no temporary file to keep a copy in; links found late cannot be followed back") }
                    } else {
                        guard let spool, spool.rewind() else {
                            result.warnings.append("\(file.displayName): its copy could not be read again; links found late were not followed back")
                            continue
                        }
                        origin = .descriptor(spool.descriptor, displayName: file.displayName)
                    }
                }
                if firstPass { bases[index] = base }
                let fileBase = bases[index]
                var outcome = PrefilterScanner.Outcome()
                do {
                    try scanner.scan(
                        origin, base: fileBase, patterns: patterns, spool: fileSpool, into: &outcome,
                        chunk: { line, position in
                            let info = chunk(line, index)
                            for token in info.retire where !protected.contains(token) {
                                patterns.retire(token, at: position)
                            }
                            if firstPass, let time = info.time { timeline.append((position, time)) }
                        }
                    ) { line, position in
                        guard captured.insert(position).inserted else { return }
                        result.lines.append(CollectedLine(bytes: Array(line), fileIndex: index, position: position))
                        let update = discover(line, index)
                        for token in update.add where pending[token.key] == nil {
                            pending[token.key] = (token.firstAppearsHere ? 0 : position, token.notBefore)
                            order.append(token.key)
                            patterns.add(token.bytes, caseInsensitive: token.caseInsensitive, from: position + 1)
                        }
                        for token in update.retire where !protected.contains(token) {
                            patterns.retire(token, at: position + 1)
                        }
                    }
                } catch {
                    if firstPass {
                        result.errors.append(error)
                        if outcome.bytes == 0 {
                            result.unreadableInputs += 1
                            readable[index] = false
                        }
                    }
                }
                result.bytesScanned += outcome.searched
                if firstPass {
                    // Bytes read before an error still count, so later positions stay the same
                    // in every pass.
                    base += outcome.bytes
                    if let last = outcome.lastLine {
                        result.lastLine = last
                        result.lastLineFileIndex = index
                    }
                }
            }
            if firstPass { result.inputBytes = base }

            // Tokens revealed after lines of them may have been passed: look again before that.
            patterns = PrefilterPatterns()
            var again = false
            for key in order {
                guard let (until, notBefore) = pending[key], until > 0 else { continue }
                let from = notBefore.map { Self.lookbackStart(timeline, notBefore: $0) } ?? 0
                if from < until {
                    patterns.add(key.bytes, caseInsensitive: key.caseInsensitive, from: from, until: until)
                    again = true
                }
                pending[key] = (0, nil)
            }
            if !again { break }
            if result.passes == maxPasses {
                result.warnings.append("stopped after \(maxPasses) passes; some links found late were not followed back")
            }
        }
        result.lines.sort { $0.position < $1.position }
        return result
    }

    /// The start of the last chunk that began before `notBefore` (lines from that time on may
    /// be inside it), or 0.
    static func lookbackStart(_ timeline: [(position: Int, time: Int64)], notBefore: Int64) -> Int {
        var start = 0
        for chunk in timeline where chunk.time < notBefore { start = max(start, chunk.position) }
        return start
    }
}
