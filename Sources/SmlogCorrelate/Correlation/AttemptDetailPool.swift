/// The attempt details recipients point at, shared by all recipients of one to= line and
/// counted: a detail is freed with the last recipient that names it.
///
/// A recipient holds a 4-byte slot instead of the detail's 112 bytes, and a to= line for
/// several recipients copies (and later destroys) its strings once, not once per recipient.
struct AttemptDetailPool {
    private struct Entry {
        var detail: AttemptDetail
        /// Recipients naming it.
        var users: Int32
    }

    private var pool = SlotPool<Entry>()
    /// Where an entry's detail sits in it (a stored property: always known).
    private static let detailOffset = MemoryLayout<Entry>.offset(of: \Entry.detail) ?? 0

    /// Details held.
    var count: Int { pool.count }

    /// Adds `detail` with no user yet: `point` or `setUsers` adds them; `drop` frees it if none comes.
    mutating func add(_ detail: __owned AttemptDetail) -> Int32 {
        pool.insert(Entry(detail: detail, users: 0))
    }

    /// Points a recipient's `reference` at `slot` (-1: none), dropping what it named before.
    mutating func point(_ reference: inout Int32, at slot: Int32) {
        if slot >= 0 { pool[slot].users += 1 }
        drop(reference)
        reference = slot
    }

    /// Sets how many recipients name `slot` (a new detail, once its recipients point at it).
    mutating func setUsers(_ slot: Int32, _ users: Int32) {
        pool[slot].users = users
    }

    /// A recipient naming `slot` is gone (-1: none).
    mutating func drop(_ slot: Int32) {
        guard slot >= 0 else { return }
        pool[slot].users -= 1
        if pool[slot].users <= 0 { pool.remove(slot) }
    }

    /// Sets the attempt fields of `record` to the detail in `slot` (-1: none). A detail only
    /// one recipient names is about to be freed with it: its strings are moved into the record
    /// (swapped with the record's old ones, freed with the detail), not retained again.
    mutating func copy(_ slot: Int32, into record: inout DeliveryRecord) {
        guard slot >= 0 else {
            record.relay = nil
            record.mailer = nil
            record.dsn = nil
            record.stat = nil
            record.reply = nil
            record.delay = nil
            record.xdelay = nil
            return
        }
        let entry = pool.mutablePointer(slot)
        record.delay = entry.pointee.detail.delay
        record.xdelay = entry.pointee.detail.xdelay
        if entry.pointee.users == 1 {
            swap(&record.relay, &entry.pointee.detail.relay)
            swap(&record.mailer, &entry.pointee.detail.mailer)
            swap(&record.dsn, &entry.pointee.detail.dsn)
            swap(&record.stat, &entry.pointee.detail.stat)
            swap(&record.reply, &entry.pointee.detail.reply)
        } else {
            record.relay = entry.pointee.detail.relay
            record.mailer = entry.pointee.detail.mailer
            record.dsn = entry.pointee.detail.dsn
            record.stat = entry.pointee.detail.stat
            record.reply = entry.pointee.detail.reply
        }
    }

    /// Swaps the attempt fields of `event` with the detail in `slot`: called before an event
    /// is handed on and again after, it lends the detail's strings without retaining them.
    mutating func lend(_ slot: Int32, to event: inout AttemptEvent) {
        let entry = pool.mutablePointer(slot)
        swap(&event.relay, &entry.pointee.detail.relay)
        swap(&event.mailer, &entry.pointee.detail.mailer)
        swap(&event.dsn, &entry.pointee.detail.dsn)
        swap(&event.stat, &entry.pointee.detail.stat)
        swap(&event.reply, &entry.pointee.detail.reply)
        swap(&event.delay, &entry.pointee.detail.delay)
        swap(&event.xdelay, &entry.pointee.detail.xdelay)
    }

    mutating func removeAll() {
        pool.removeAll()
    }

    /// The detail in `slot`.
    subscript(slot: Int32) -> AttemptDetail {
        _read { yield pool[slot].detail }
    }

    /// The detail in `slot`, read in place (see `SlotPool.pointer`); nil for -1.
    @inline(__always)
    func pointer(_ slot: Int32) -> UnsafePointer<AttemptDetail>? {
        guard slot >= 0 else { return nil }
        return (UnsafeRawPointer(pool.pointer(slot)) + Self.detailOffset).assumingMemoryBound(to: AttemptDetail.self)
    }
}
