/// Reassembles messages that sendmail split itself (`ID[1]: … ...`, `ID[2]: …`).
///
/// sendmail cuts a message longer than its syslog buffer after a `,` or space, logs every part
/// but the last with ` ...` appended, and numbers the parts from 1; all parts come from one
/// process in a row. Parts are collected per (host, pid, id) into a reusable buffer that starts
/// with the first part's syslog header, so the joined line looks exactly like the unsplit one.
/// Buffers keep their capacity, so joining allocates nothing once warmed up.
struct SplitLineJoiner {
    struct Slot {
        var inUse = false
        var host: [UInt8] = []
        var pid: Int32 = -1
        var id: [UInt8] = []
        var noQueue = false
        var nextNumber = 0
        /// Header bytes of the first part, the id prefix, then the parts' bodies.
        var joined: [UInt8] = []
        var header: SyslogHeader? = nil
        var messageStart = 0
        /// The part lines as read, for `finish` when the message never completes.
        var rawLines: [UInt8] = []
        var rawEnds: [Int] = []
        var lastUse: UInt64 = 0
    }

    static let maxPending = 32
    /// Longest joined message kept: sendmail writes at most 999 parts of one syslog buffer
    /// (about 1 KiB) each. A longer chain cannot be sendmail's; its parts are given up as
    /// unjoined instead of growing without bound.
    static let maxJoinedBytes = 1 << 20

    private var slots: [Slot] = []
    /// Part lines that belong to no complete, understood message.
    private var orphanLines: [UInt8] = []
    private var orphanEnds: [Int] = []
    private var clock: UInt64 = 0

    init() {}

    /// Adds the part `part` of `line`. When it completes a message, `complete` gets the joined
    /// line and its header and answers whether it understood it; parts of a message it did not
    /// understand are kept for `finish`, like parts whose message never completed.
    mutating func add(
        _ part: SplitPart, line: LineBytes, header: SyslogHeader,
        complete: (LineBytes, SyslogHeader) -> Bool
    ) {
        clock &+= 1
        let host = line.slice(header.host)
        let id = line.slice(part.id)
        let found = slots.firstIndex { slot in
            slot.inUse && slot.pid == header.pid && slot.noQueue == part.noQueue
                && slot.id.elementsEqual(id) && slot.host.elementsEqual(host)
        }
        if part.terminatesTooManyParts {
            guard let index = found else {
                addOrphan(line.base)
                return
            }
            appendRaw(index, line.base)
            finishSlot(index, complete: complete)
            return
        }
        let current: Int
        if part.number == 1 {
            if let index = found { orphanSlot(index) }
            current = freeSlot()
            startSlot(current, part, line: line, header: header)
        } else {
            guard let index = found, slots[index].nextNumber == part.number else {
                addOrphan(line.base)
                return
            }
            current = index
            appendRaw(current, line.base)
            if slots[current].joined.count + Int(part.body.count) > Self.maxJoinedBytes {
                orphanSlot(current)
                return
            }
            slots[current].joined.append(contentsOf: line.slice(part.body))
            slots[current].nextNumber += 1
            slots[current].lastUse = clock
        }
        if !part.continues {
            finishSlot(current, complete: complete)
        }
    }

    /// Hands every part line that belongs to no complete, understood message to `unjoined`,
    /// then forgets all pending parts.
    mutating func finish(unjoined: (UnsafeRawBufferPointer) -> Void) {
        for index in slots.indices where slots[index].inUse { orphanSlot(index) }
        takeOrphans(unjoined)
    }

    /// True when some part lines are already known to belong to no understood message.
    var hasOrphans: Bool { !orphanEnds.isEmpty }

    /// Hands the part lines known so far to belong to no understood message to `unjoined`
    /// and forgets them, so they do not pile up until the end of a long input.
    mutating func takeOrphans(_ unjoined: (UnsafeRawBufferPointer) -> Void) {
        guard !orphanEnds.isEmpty else { return }  // the common case: cheap enough to call per line
        orphanLines.withUnsafeBytes { all in
            var start = 0
            for end in orphanEnds {
                unjoined(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        orphanLines.removeAll(keepingCapacity: true)
        orphanEnds.removeAll(keepingCapacity: true)
    }

    /// Number of messages waiting for more parts (for tests).
    var pendingCount: Int { slots.reduce(0) { $0 + ($1.inUse ? 1 : 0) } }

    /// Bytes of part lines held, pending or unjoined (for tests of the memory bound).
    var heldBytes: Int { slots.reduce(orphanLines.count) { $0 + ($1.inUse ? $1.rawLines.count + $1.joined.count : 0) } }

    // MARK: slots

    private mutating func startSlot(_ index: Int, _ part: SplitPart, line: LineBytes, header: SyslogHeader) {
        let messageStart = Int(header.message.lower)
        slots[index].inUse = true
        slots[index].lastUse = clock
        slots[index].pid = header.pid
        slots[index].noQueue = part.noQueue
        slots[index].nextNumber = 2
        slots[index].header = header
        slots[index].messageStart = messageStart
        slots[index].host.removeAll(keepingCapacity: true)
        slots[index].host.append(contentsOf: line.slice(header.host))
        slots[index].id.removeAll(keepingCapacity: true)
        slots[index].id.append(contentsOf: line.slice(part.id))
        slots[index].joined.removeAll(keepingCapacity: true)
        slots[index].joined.append(contentsOf: UnsafeRawBufferPointer(rebasing: line.base[0..<messageStart]))
        if !part.id.isEmpty {
            slots[index].joined.append(contentsOf: line.slice(part.id))
            slots[index].joined.append(UInt8(ascii: ":"))
            slots[index].joined.append(UInt8(ascii: " "))
        }
        slots[index].joined.append(contentsOf: line.slice(part.body))
        slots[index].rawLines.removeAll(keepingCapacity: true)
        slots[index].rawEnds.removeAll(keepingCapacity: true)
        appendRaw(index, line.base)
    }

    private mutating func finishSlot(_ index: Int, complete: (LineBytes, SyslogHeader) -> Bool) {
        guard var header = slots[index].header else {
            orphanSlot(index)
            return
        }
        header.message = ByteRange(slots[index].messageStart, slots[index].joined.count)
        let understood = slots[index].joined.withUnsafeBytes { complete(LineBytes($0), header) }
        if understood {
            slots[index].inUse = false
        } else {
            orphanSlot(index)
        }
    }

    private mutating func freeSlot() -> Int {
        if let index = slots.firstIndex(where: { !$0.inUse }) { return index }
        if slots.count < Self.maxPending {
            slots.append(Slot())
            return slots.count - 1
        }
        // Full: give up on the message that has waited longest.
        var oldest = 0
        for index in slots.indices where slots[index].lastUse < slots[oldest].lastUse { oldest = index }
        orphanSlot(oldest)
        return oldest
    }

    private mutating func appendRaw(_ index: Int, _ raw: UnsafeRawBufferPointer) {
        slots[index].rawLines.append(contentsOf: raw)
        slots[index].rawEnds.append(slots[index].rawLines.count)
    }

    private mutating func orphanSlot(_ index: Int) {
        // Move the slot's buffers out while copying, then back, so no capacity is lost.
        var raw: [UInt8] = []
        var ends: [Int] = []
        swap(&raw, &slots[index].rawLines)
        swap(&ends, &slots[index].rawEnds)
        raw.withUnsafeBytes { all in
            var start = 0
            for end in ends {
                addOrphan(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        raw.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        swap(&raw, &slots[index].rawLines)
        swap(&ends, &slots[index].rawEnds)
        slots[index].inUse = false
    }

    private mutating func addOrphan(_ raw: UnsafeRawBufferPointer) {
        orphanLines.append(contentsOf: raw)
        orphanEnds.append(orphanLines.count)
    }
}
