import Foundation
import TandemCore
import Vapor

/// What `search.leaf` shows.
struct SearchPageContext: Encodable {
    struct Part: Encodable {
        var text: String
        var match: Bool
    }

    struct Hit: Encodable {
        var link: String
        var number: String
        var title: [Part]
        var snippet: [Part]?
        var source: String?
        var statusLabel: String
        var status: String
        var provider: String
        var requester: String
        var created: String
        var isConfidential: Bool
    }

    var layout: LayoutContext
    var text: String
    var statuses: [Choice]
    var kinds: [Choice]
    var providers: [Choice]
    var searched: Bool
    var count: String?
    var hits: [Hit]?
    var nextLink: String?
    var previousLink: String?
    /// Every need found, as CSV (the offset left out).
    var exportLink: String?
    var errors: [String: String]

    init(
        _ request: Request, text: String, filters: NeedQuery, offset: Int, page: NeedSearchPage?,
        directory: PageDirectory, values: [String: [String]], errors: FieldErrors
    ) {
        let t = { (key: String) in request.t(key) }
        let format = PageFormat(request)
        layout = LayoutContext(request, title: text.isEmpty ? t("search.title") : t("search.title") + " · " + text, section: "search")
        self.text = text
        statuses = NeedStatus.allCases.map {
            Choice(value: $0.rawValue, label: t("status.\($0.rawValue)"), selected: filters.statuses.contains($0))
        }
        kinds = NeedKind.allCases.map { Choice(value: $0.rawValue, label: t("kind.\($0.rawValue)"), selected: filters.kinds.contains($0)) }
        providers =
            [Choice(value: "", label: t("search.any_provider"), selected: filters.providingDepartmentID == nil)]
            + DepartmentTree.ordered(directory.departments.values.filter(\.isProvider)).map {
                Choice(
                    value: $0.department.id.description, label: $0.department.name,
                    selected: filters.providingDepartmentID == $0.department.id)
            }
        searched = page != nil
        count = page.map { PageFormat.count($0.total) }
        let parts = { (text: HighlightedText) in text.parts.map { Part(text: $0.text, match: $0.isMatch) } }
        hits =
            page?.hits.map { hit in
                Hit(
                    link: Site.need(hit.need.number), number: hit.need.number.description, title: parts(hit.title),
                    snippet: hit.snippet.map(parts), source: hit.snippetSource.map { t("search_source.\($0.rawValue)") },
                    statusLabel: t("status.\(hit.need.status.rawValue)"), status: hit.need.status.rawValue,
                    provider: directory.departmentName(hit.need.providingDepartmentID),
                    requester: directory.personName(hit.need.requesterID),
                    created: format.dateTime(hit.need.createdAt), isConfidential: hit.need.isConfidential)
            }.nonEmpty
        let link = { (offset: Int) in Site.search(query: QueuePage.queryString(values.merging(["offset": [String(offset)]]) { $1 })) }
        nextLink = page?.nextOffset.map(link)
        previousLink = offset > 0 && page != nil ? link(max(0, offset - SearchPages.pageSize)) : nil
        exportLink =
            page?.hits.isEmpty == false ? Site.searchExport(query: QueuePage.queryString(values.filter { $0.key != "offset" })) : nil
        self.errors = errors.messages(for: ["q", "status", "kind", "provider", "offset"])
    }
}
