/// Values of one kind in one growing buffer, named by `Int32` slot, with freed slots reused.
///
/// The correlator keeps envelopes, chains and recipients here instead of one heap object
/// each: a message then costs no malloc/free and no reference counting of its own, and a
/// freed slot is taken by the next message (the buffer only grows to the peak in flight).
/// Elements are reached through addressors, so reading or writing one field works in place
/// (an Array behind a `_read`/`_modify` subscript copied whole envelopes, strings retained);
/// a value is moved in on insert and destroyed on remove, never copied.
/// A value type: a copy of the pool shares the buffer until one side writes.
struct SlotPool<Element> {
    private var storage = SlotStorage<Element>(capacity: 0)
    private var freeSlots: [Int32] = []

    init() {}

    /// Slots in use.
    var count: Int { storage.count - freeSlots.count }
    /// Slots made so far, in use or free.
    var slotCount: Int { storage.count }

    /// `slot` holds a value (it was inserted and not removed since).
    @inline(__always)
    func isLive(_ slot: Int32) -> Bool {
        UInt32(bitPattern: slot) < UInt32(truncatingIfNeeded: storage.count) && storage.live[Int(slot)]
    }

    /// Stores `element` in a free slot (or a new one) and returns the slot.
    mutating func insert(_ element: __owned Element) -> Int32 {
        if let slot = freeSlots.popLast() {
            if !isKnownUniquelyReferenced(&storage) { makeUnique(minimumCapacity: storage.count) }
            (storage.base + Int(slot)).initialize(to: element)
            storage.live[Int(slot)] = true
            return slot
        }
        makeUnique(minimumCapacity: storage.count + 1)
        storage.append(element)
        return Int32(truncatingIfNeeded: storage.count - 1)
    }

    /// Frees `slot` for reuse, destroying its value; a slot not in use is left as it is.
    mutating func remove(_ slot: Int32) {
        guard isLive(slot) else { return }
        if !isKnownUniquelyReferenced(&storage) { makeUnique(minimumCapacity: storage.count) }
        (storage.base + Int(slot)).deinitialize(count: 1)
        storage.live[Int(slot)] = false
        freeSlots.append(slot)
    }

    mutating func removeAll() {
        storage = SlotStorage(capacity: 0)
        freeSlots.removeAll()
    }

    /// The value in `slot`, which must be live.
    @inline(__always)
    subscript(slot: Int32) -> Element {
        unsafeAddress {
            precondition(isLive(slot), "slot not in use")
            return UnsafePointer(storage.base + Int(slot))
        }
        unsafeMutableAddress {
            precondition(isLive(slot), "slot not in use")
            if !isKnownUniquelyReferenced(&storage) { makeUnique(minimumCapacity: storage.count) }
            return storage.base + Int(slot)
        }
    }

    /// Gives this pool its own buffer with room for `minimumCapacity` (doubling).
    private mutating func makeUnique(minimumCapacity: Int) {
        let unique = isKnownUniquelyReferenced(&storage)
        if unique, storage.capacity >= minimumCapacity { return }
        let capacity = Swift.max(minimumCapacity, unique ? 2 * storage.capacity : storage.capacity, 16)
        let copy = SlotStorage<Element>(capacity: capacity)
        if unique {
            storage.moveAll(into: copy)
        } else {
            storage.copyAll(into: copy)
        }
        storage = copy
    }
}

/// The buffer of a `SlotPool`: `count` slots at `base`, those marked in `live` initialized.
final class SlotStorage<Element> {
    let base: UnsafeMutablePointer<Element>
    let live: UnsafeMutablePointer<Bool>
    let capacity: Int
    // Read on every access: no dynamic exclusivity check (single-threaded owner, see SlotPool).
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: Swift.max(capacity, 1))
        live = .allocate(capacity: Swift.max(capacity, 1))
    }

    deinit {
        for i in 0..<count where live[i] { (base + i).deinitialize(count: 1) }
        base.deallocate()
        live.deallocate()
    }

    func append(_ element: __owned Element) {
        precondition(count < capacity)
        (base + count).initialize(to: element)
        live[count] = true
        count += 1
    }

    /// Moves every value into `other` (empty, large enough); this buffer is left empty.
    func moveAll(into other: SlotStorage<Element>) {
        for i in 0..<count where live[i] { (other.base + i).moveInitialize(from: base + i, count: 1) }
        other.live.initialize(from: live, count: count)
        other.count = count
        count = 0
    }

    func copyAll(into other: SlotStorage<Element>) {
        for i in 0..<count where live[i] { (other.base + i).initialize(to: base[i]) }
        other.live.initialize(from: live, count: count)
        other.count = count
    }
}
