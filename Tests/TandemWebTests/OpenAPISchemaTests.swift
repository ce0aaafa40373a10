import Testing

@testable import TandemWeb

/// The API document's request schemas are written by hand beside the body types that decode
/// them: this keeps the two in step, field by field.
@Suite("The API document's request bodies")
struct OpenAPISchemaTests {
    static let jsonBodies = OpenAPIDocument.operations.filter { $0.body != nil && $0.mediaType == "application/json" }

    @Test("every JSON body names the type that decodes it")
    func everyBodyHasItsType() {
        #expect(Self.jsonBodies.count >= 40)
        for operation in Self.jsonBodies {
            #expect(operation.decodes != nil, "\(operation.method) \(operation.path) documents \(operation.body ?? "") without its type")
        }
        for operation in OpenAPIDocument.operations where operation.mediaType != "application/json" {
            #expect(operation.decodes == nil, "\(operation.method) \(operation.path) is not JSON")
        }
    }

    @Test("each body schema has exactly the fields its type takes")
    func schemasMatchTheirTypes() throws {
        for operation in Self.jsonBodies {
            guard let name = operation.body, let type = operation.decodes else { continue }
            let schema = try #require(OpenAPIDocument.schemas[name] as? [String: Any], "no schema \(name)")
            let properties = try #require(schema["properties"] as? [String: Any], "\(name) has no properties")
            #expect(
                Set(properties.keys) == Set(type.fieldNames),
                "\(operation.method) \(operation.path): \(name) has \(properties.keys.sorted()), \(type) takes \(type.fieldNames.sorted())")
            #expect(schema["additionalProperties"] as? Bool == false, "\(name) refuses unknown fields, as its type does")
        }
    }
}
