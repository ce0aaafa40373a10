import Foundation
import TandemCore
import Vapor

/// The three steps of raising a need: the provider, its catalog, then the offering's form.
struct RaiseProvidersContext: Encodable {
    struct Provider: Encodable {
        var name: String
        var link: String
        var offerings: Int
    }
    var layout: LayoutContext
    var providers: [Provider]
}

struct RaiseCatalogContext: Encodable {
    struct Offering: Encodable {
        var name: String
        var description: String
        var link: String
    }
    struct Group: Encodable {
        var kind: String
        var label: String
        var offerings: [Offering]
    }
    var layout: LayoutContext
    var provider: String
    var groups: [Group]
    var generalLink: String
}

/// The form of an offering (or a general need to a provider), with what was typed and the
/// messages next to the fields.
struct RaiseFormContext: Encodable {
    struct Field: Encodable {
        var name: String
        var id: String
        var label: String
        var type: String
        var required: Bool
        var value: String
        var options: [Choice]
        var error: String?
    }

    var layout: LayoutContext
    var provider: String
    var providerID: String
    var offering: String?
    var offeringID: String?
    var offeringDescription: String?
    var fields: [Field]
    var kinds: [Choice]?
    var title: String
    var description: String
    var urgencies: [Choice]
    var importances: [Choice]
    var priorityLabel: String
    /// `urgency/importance=priority label;…` for the script that shows the priority live.
    var matrix: String
    var matrixRows: [[String]]
    var matrixColumns: [String]
    var desiredDate: String
    var confidential: Bool
    var maxUploadMB: Int
    var errors: [String: String]
    var general: String?
    /// Similar open needs of the provider, shown again with what was typed after an error (the
    /// page's script asks for them while the title is typed).
    var similar: [SimilarNeed]?

    struct SimilarNeed: Encodable {
        var link: String
        var number: String
        var title: String
    }

    static let fixedFields = ["title", "description", "kind", "urgency", "importance", "desired_date", "is_confidential", "attachments"]

    /// What was typed, to show again after an error.
    struct Typed {
        var title = ""
        var description = ""
        var kind: NeedKind?
        var urgency = Urgency.medium
        var importance = Importance.medium
        var desiredDate = ""
        var confidential: Bool?
        var answers: [String: [String]] = [:]
    }

    init(
        _ request: Request, providerName: String, providerID: Department.ID, offering: ServiceOffering?,
        matrix: PriorityMatrix, typed: Typed, errors: FieldErrors
    ) {
        let t = { (key: String) in request.t(key) }
        layout = LayoutContext(request, title: t("raise.title"), section: "raise")
        provider = providerName
        self.providerID = providerID.description
        self.offering = offering?.name
        offeringID = offering?.id.description
        offeringDescription = offering?.description
        fields = (offering?.formFields ?? []).map { field in
            let name = "form.\(field.key)"
            let typedValues = typed.answers[field.key] ?? []
            return Field(
                name: name, id: "form-\(field.key)", label: field.label, type: field.type.rawValue, required: field.isRequired,
                value: typedValues.first ?? "",
                options: field.options.map { Choice(value: $0, label: $0, selected: typedValues.contains($0)) },
                error: errors[name])
        }
        kinds =
            offering == nil
            ? NeedKind.allCases.map { Choice(value: $0.rawValue, label: t("kind.\($0.rawValue)"), selected: $0 == typed.kind) } : nil
        title = typed.title
        description = typed.description
        urgencies = Urgency.allCases.map { Choice(value: $0.rawValue, label: t("urgency.\($0.rawValue)"), selected: $0 == typed.urgency) }
        importances = Importance.allCases.map {
            Choice(value: $0.rawValue, label: t("importance.\($0.rawValue)"), selected: $0 == typed.importance)
        }
        priorityLabel = t("priority.\(matrix.priority(urgency: typed.urgency, importance: typed.importance).rawValue)")
        self.matrix = Urgency.allCases.flatMap { urgency in
            Importance.allCases.map { importance in
                "\(urgency.rawValue)/\(importance.rawValue)=\(t("priority.\(matrix.priority(urgency: urgency, importance: importance).rawValue)"))"
            }
        }.joined(separator: ";")
        matrixColumns = Importance.allCases.map { t("importance.\($0.rawValue)") }
        matrixRows = Urgency.allCases.map { urgency in
            [t("urgency.\(urgency.rawValue)")]
                + Importance.allCases.map { t("priority.\(matrix.priority(urgency: urgency, importance: $0).rawValue)") }
        }
        desiredDate = typed.desiredDate
        confidential = typed.confidential ?? offering?.confidentialByDefault ?? false
        maxUploadMB = request.tandem.configuration.maxUploadBytes / (1024 * 1024)
        let known = Self.fixedFields + fields.map(\.name)
        self.errors = errors.messages(for: Self.fixedFields)
        general = errors.general(besides: known)
    }
}
