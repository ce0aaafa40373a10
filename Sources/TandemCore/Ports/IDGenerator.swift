import Foundation

/// The source of new identifiers (the server makes time-ordered ones: `TimeOrderedIDGenerator`).
public protocol IDGenerator: Sendable {
    func make() -> UUID
}

extension IDGenerator {
    public func next<Subject>(_: Subject.Type = Subject.self) -> Identifier<Subject> {
        Identifier(make())
    }
}
