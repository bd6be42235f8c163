/// The one read buffer of a `LineReader`. It starts at the configured size and grows only while a
/// single line does not fit, never past the line cap.
struct LineBuffer: ~Copyable {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        self.base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit {
        base.deallocate()
    }

    /// Replaces the storage with a larger one, keeping the first `keeping` bytes.
    mutating func grow(to newCapacity: Int, keeping count: Int) {
        guard newCapacity > capacity else { return }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: min(count, capacity))
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
