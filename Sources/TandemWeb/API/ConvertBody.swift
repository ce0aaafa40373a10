import Foundation
import TandemCore
import Vapor

/// Turning a survey's draft or a suggestion into a need: the title, the kind, and for an
/// anonymous one the department it comes from (all optional).
struct ConvertBody: StrictBody {
    var title: String?
    var kind: NeedKind?
    var requestingDepartmentID: Department.ID?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, kind, requestingDepartmentID = "requesting_department_id"
    }

    var conversion: Conversion { Conversion(title: title, kind: kind, requestingDepartmentID: requestingDepartmentID) }

    /// The conversion a request asks for: the provider's defaults when it has no body.
    static func conversion(of request: Request) throws -> Conversion {
        request.body.data == nil ? Conversion() : try request.decodeBody(Self.self).conversion
    }
}
