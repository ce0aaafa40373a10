import Foundation
import TandemCore
import Testing

@Suite("Identifiers")
struct IDGeneratorTests {
    @Test("time-ordered ids: version 7, the millisecond first, in the order they were made, as bytes and as stored text")
    func timeOrdered() {
        // setup
        // NB: instants a binary fraction can hold exactly (a time like 0.002 s is stored as 0.00199…).
        let instants = [0, 0.5, 1, 2, 1_000, 86_400, 1_796_000_000, 1_796_000_000.5].map { Date(timeIntervalSince1970: $0) }
        // MUT
        let ids = instants.map { instant in TimeOrderedIDGenerator(clock: { instant }).make() }
        // validate
        for (id, instant) in zip(ids, instants) {
            let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 7, "version 7")
            #expect(bytes[8] >> 6 == 0b10, "the RFC 9562 variant")
            let milliseconds = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(milliseconds == UInt64(instant.timeIntervalSince1970 * 1000))
        }
        #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
        #expect(ids.map { $0.uuidString.lowercased() } == ids.map { $0.uuidString.lowercased() }.sorted())
        let sameMillisecond = (0..<1_000).map { _ in TimeOrderedIDGenerator(clock: { instants[7] }).make() }
        #expect(Set(sameMillisecond).count == 1_000, "the rest is random")
    }
}
