/// Values of one kind in fixed-size chunks, named by `Int32` slot, with freed slots reused.
///
/// The correlator keeps envelopes, chains and recipients here instead of one heap object
/// each: a message then costs no malloc/free and no reference counting of its own, and a
/// freed slot is taken by the next message (the pool only grows to the peak in flight).
/// Chunks never move: growing adds one, where a doubling buffer held the old and the new
/// copy at once (peak memory up to three times the values held).
/// Elements are reached through addressors, so reading or writing one field works in place
/// (an Array behind a `_read`/`_modify` subscript copied whole envelopes, strings retained);
/// a value is moved in on insert and destroyed on remove, never copied.
/// A value type: a copy of the pool shares the chunks until one side writes.
struct SlotPool<Element> {
    private var storage = SlotStorage<Element>()

    init() {}

    /// Slots in use.
    var count: Int { storage.count - storage.freeCount }
    /// Slots made so far, in use or free.
    var slotCount: Int { storage.count }

    /// `slot` holds a value (it was inserted and not removed since).
    @inline(__always)
    func isLive(_ slot: Int32) -> Bool {
        UInt32(bitPattern: slot) < UInt32(truncatingIfNeeded: storage.count) && storage.isLive(Int(slot))
    }

    /// Stores `element` in a free slot (or a new one) and returns the slot.
    mutating func insert(_ element: __owned Element) -> Int32 {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        if let slot = storage.popFreeSlot() {
            storage.address(Int(slot)).initialize(to: element)
            storage.setLive(Int(slot), true)
            return slot
        }
        return Int32(truncatingIfNeeded: storage.append(element))
    }

    /// Frees `slot` for reuse, destroying its value; a slot not in use is left as it is.
    mutating func remove(_ slot: Int32) {
        guard isLive(slot) else { return }
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        storage.address(Int(slot)).deinitialize(count: 1)
        storage.setLive(Int(slot), false)
        storage.pushFreeSlot(slot)
    }

    mutating func removeAll() {
        storage = SlotStorage()
    }

    /// The value in `slot` (live) for a loop that reads several of its fields: one check and
    /// one address computation instead of one per field. Valid while the slot stays live and
    /// the pool is not changed (chunks never move, but a write may copy a shared pool).
    @inline(__always)
    func pointer(_ slot: Int32) -> UnsafePointer<Element> {
        precondition(UInt32(bitPattern: slot) < UInt32(truncatingIfNeeded: storage.count), "slot out of range")
        precondition(storage.isLive(Int(slot)), "slot not in use")
        return UnsafePointer(storage.address(Int(slot)))
    }

    /// `pointer(_:)` for writing: the value in `slot` (live), changed in place through one
    /// pointer. Valid while the slot stays live and the pool is not otherwise changed.
    @inline(__always)
    mutating func mutablePointer(_ slot: Int32) -> UnsafeMutablePointer<Element> {
        precondition(UInt32(bitPattern: slot) < UInt32(truncatingIfNeeded: storage.count), "slot out of range")
        precondition(storage.isLive(Int(slot)), "slot not in use")
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage.address(Int(slot))
    }

    /// The value in `slot`, which must be live. Both checks stay in release builds: a slot
    /// read after its value was destroyed would touch freed strings (memory corruption);
    /// a stopped run is the safer failure.
    @inline(__always)
    subscript(slot: Int32) -> Element {
        unsafeAddress {
            precondition(UInt32(bitPattern: slot) < UInt32(truncatingIfNeeded: storage.count), "slot out of range")
            precondition(storage.isLive(Int(slot)), "slot not in use")
            return UnsafePointer(storage.address(Int(slot)))
        }
        unsafeMutableAddress {
            precondition(UInt32(bitPattern: slot) < UInt32(truncatingIfNeeded: storage.count), "slot out of range")
            precondition(storage.isLive(Int(slot)), "slot not in use")
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage.address(Int(slot))
        }
    }
}

/// The chunks of a `SlotPool`: `count` slots, those marked live initialized.
final class SlotStorage<Element> {
    /// Slots per chunk (a power of two).
    static var chunkShift: Int { 8 }
    private static var chunkMask: Int { (1 << chunkShift) - 1 }

    // Read on every access: no dynamic exclusivity checks (single-threaded owner, see SlotPool).
    @exclusivity(unchecked) private var elementChunks: UnsafeMutablePointer<UnsafeMutablePointer<Element>>
    @exclusivity(unchecked) private var liveChunks: UnsafeMutablePointer<UnsafeMutablePointer<Bool>>
    @exclusivity(unchecked) private var chunkCount = 0
    @exclusivity(unchecked) private var tableCapacity = 4
    @exclusivity(unchecked) private(set) var count = 0
    /// Freed slots, a stack (the last freed is reused first). Kept here, where the pool has
    /// already checked that it is the only owner: an `[Int32]` in the pool cost a uniqueness
    /// check and ~25 instructions per push or pop.
    @exclusivity(unchecked) private var freeSlots: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var freeCapacity = 16
    @exclusivity(unchecked) private(set) var freeCount = 0

    init() {
        elementChunks = .allocate(capacity: tableCapacity)
        liveChunks = .allocate(capacity: tableCapacity)
        freeSlots = .allocate(capacity: freeCapacity)
    }

    deinit {
        for i in 0..<count where isLive(i) { address(i).deinitialize(count: 1) }
        for c in 0..<chunkCount {
            elementChunks[c].deallocate()
            liveChunks[c].deallocate()
        }
        elementChunks.deallocate()
        liveChunks.deallocate()
        freeSlots.deallocate()
    }

    /// The slot freed last, taken off the free stack; nil when none is free.
    @inline(__always)
    func popFreeSlot() -> Int32? {
        guard freeCount > 0 else { return nil }
        freeCount -= 1
        return freeSlots[freeCount]
    }

    /// Puts a freed slot on the free stack.
    @inline(__always)
    func pushFreeSlot(_ slot: Int32) {
        if freeCount == freeCapacity { growFreeSlots() }
        freeSlots[freeCount] = slot
        freeCount += 1
    }

    private func growFreeSlots() {
        let capacity = 2 * freeCapacity
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        grown.moveInitialize(from: freeSlots, count: freeCount)
        freeSlots.deallocate()
        freeSlots = grown
        freeCapacity = capacity
    }

    @inline(__always)
    func address(_ slot: Int) -> UnsafeMutablePointer<Element> {
        elementChunks[slot >> Self.chunkShift] + (slot & Self.chunkMask)
    }

    @inline(__always)
    func isLive(_ slot: Int) -> Bool {
        liveChunks[slot >> Self.chunkShift][slot & Self.chunkMask]
    }

    func setLive(_ slot: Int, _ live: Bool) {
        liveChunks[slot >> Self.chunkShift][slot & Self.chunkMask] = live
    }

    /// Stores `element` in a new slot and returns it.
    func append(_ element: __owned Element) -> Int {
        if count == chunkCount << Self.chunkShift { addChunk() }
        let slot = count
        address(slot).initialize(to: element)
        count += 1
        setLive(slot, true)
        return slot
    }

    /// A storage of its own with the same slots and values.
    func copy() -> SlotStorage<Element> {
        let other = SlotStorage<Element>()
        for slot in 0..<count {
            if other.count == other.chunkCount << Self.chunkShift { other.addChunk() }
            if isLive(slot) { other.address(slot).initialize(to: address(slot).pointee) }
            other.setLive(slot, isLive(slot))
            other.count += 1
        }
        for i in 0..<freeCount { other.pushFreeSlot(freeSlots[i]) }
        return other
    }

    private func addChunk() {
        if chunkCount == tableCapacity {
            let capacity = 2 * tableCapacity
            let elements = UnsafeMutablePointer<UnsafeMutablePointer<Element>>.allocate(capacity: capacity)
            elements.moveInitialize(from: elementChunks, count: chunkCount)
            elementChunks.deallocate()
            elementChunks = elements
            let lives = UnsafeMutablePointer<UnsafeMutablePointer<Bool>>.allocate(capacity: capacity)
            lives.moveInitialize(from: liveChunks, count: chunkCount)
            liveChunks.deallocate()
            liveChunks = lives
            tableCapacity = capacity
        }
        elementChunks[chunkCount] = .allocate(capacity: 1 << Self.chunkShift)
        let lives = UnsafeMutablePointer<Bool>.allocate(capacity: 1 << Self.chunkShift)
        lives.initialize(repeating: false, count: 1 << Self.chunkShift)
        liveChunks[chunkCount] = lives
        chunkCount += 1
    }
}
