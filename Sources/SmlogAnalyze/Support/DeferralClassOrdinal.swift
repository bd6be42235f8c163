extension DeferralClass {
    /// The class's position in `allCases`, without hashing: `DeferralClass` has String raw
    /// values, so as a dictionary key it hashed and compared its raw value String (~680
    /// instructions per lookup); the aggregators index small arrays with this instead.
    var ordinal: Int {
        switch self {
        case .connectionRefused: 0
        case .connectionTimedOut: 1
        case .connectionReset: 2
        case .dns: 3
        case .tls: 4
        case .auth: 5
        case .greylisting: 6
        case .mailboxFull: 7
        case .remote4xx: 8
        case .localMTADown: 9
        case .clientPhaseTimeout: 10
        case .other: 11
        }
    }

    /// Number of classes (`allCases.count`).
    static let count = 12
}
